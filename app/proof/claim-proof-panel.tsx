'use client';

import Link from 'next/link';
import { useState } from 'react';
import type { ClaimProofStatus } from '@/lib/proofs/claim-proof-status';
import { checkProofText, type CheckResult } from './check-proof';
import styles from './proof.module.css';
import { VerdictView } from './verdict-view';

/**
 * For the claimant's own page: download the inclusion proof in either format, or check it
 * right here. The check fetches the proof, then recomputes it in this browser.
 */
export function ClaimProofPanel({ status }: { status: ClaimProofStatus }) {
  const [rootId, setRootId] = useState(status.roots[0]?.id);
  const [result, setResult] = useState<CheckResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function checkMine() {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const response = await fetch(proofUrl(rootId), { cache: 'no-store' });
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
      {status.changedSinceRoot && (
        <p className="alert warn">
          Your adjusted claim will be in the next published root. Until then, your proof shows your
          claim as it stood when the root in force was published.
        </p>
      )}
      {status.roots.length === 0 ? (
        <p className="alert warn">No proof root has been published yet.</p>
      ) : (
        <>
          {status.roots.length > 1 && (
            <p>
              <label htmlFor="proof-root">Root</label>{' '}
              <select
                id="proof-root"
                value={rootId}
                onChange={(event) => {
                  setRootId(Number(event.target.value));
                  setResult(null);
                }}
              >
                {status.roots.map((root, i) => (
                  <option key={root.id} value={root.id}>
                    {`Root ${root.id}, published ${root.publishedAt.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC')}${i === 0 ? ' (in force)' : ''}`}
                  </option>
                ))}
              </select>
            </p>
          )}
          <ProofActions rootId={rootId} busy={busy} onCheck={checkMine} />
        </>
      )}
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

const proofUrl = (rootId: number | undefined, format?: 'coinex') => {
  const query = new URLSearchParams();
  if (format) query.set('format', format);
  if (rootId !== undefined) query.set('root', String(rootId));
  const text = query.toString();
  return `/api/claim/proof${text ? `?${text}` : ''}`;
};

function ProofActions(props: { rootId?: number; busy: boolean; onCheck: () => void }) {
  return (
    <div className={styles.actions}>
      <a className="button secondary" href={proofUrl(props.rootId)} download>
        Download my proof
      </a>
      <a className="button secondary" href={proofUrl(props.rootId, 'coinex')} download>
        Download for the exchange&apos;s verifier
      </a>
      <button type="button" className="button" onClick={props.onCheck} disabled={props.busy}>
        {props.busy ? 'Checking…' : 'Check my proof in this browser'}
      </button>
    </div>
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
