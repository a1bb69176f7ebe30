'use client';

import Link from 'next/link';
import { useState } from 'react';
import { checkProofText, type CheckResult } from './check-proof';
import styles from './proof.module.css';
import { VerdictView } from './verdict-view';

/**
 * For the claimant's own page: download the inclusion proof in either format, or check it
 * right here. The check fetches the proof, then recomputes it in this browser.
 */
export function ClaimProofPanel() {
  const [result, setResult] = useState<CheckResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function checkMine() {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const response = await fetch('/api/claim/proof', { cache: 'no-store' });
      const text = await response.text();
      if (!response.ok) throw new Error(messageOf(text));
      setResult(await checkProofText(text));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'Your proof could not be checked.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="claim-proof-title">
      <h2 id="claim-proof-title">Prove your claim is counted</h2>
      <p>
        Makewhole publishes one fingerprint (a Merkle-sum root) of every claim and of the totals
        owed. Your proof shows that your claim, exactly as above, is part of it. It contains a
        secret number for your account: keep it to yourself. See{' '}
        <Link href="/proof">the published root</Link> to check any proof.
      </p>
      <div className={styles.actions}>
        <a className="button secondary" href="/api/claim/proof" download>
          Download my proof
        </a>
        <a className="button secondary" href="/api/claim/proof?format=coinex" download>
          Download for the exchange&apos;s verifier
        </a>
        <button type="button" className="button" onClick={checkMine} disabled={busy}>
          {busy ? 'Checking…' : 'Check my proof in this browser'}
        </button>
      </div>
      <div aria-live="polite">
        {error && (
          <p className="alert error" role="alert">
            {error}
          </p>
        )}
        {result && <VerdictView verdict={result.verdict} decimals={result.decimals} />}
      </div>
    </section>
  );
}

function messageOf(body: string): string {
  try {
    const { error } = JSON.parse(body) as { error?: string };
    return error ?? 'Your proof could not be downloaded.';
  } catch {
    return 'Your proof could not be downloaded.';
  }
}
