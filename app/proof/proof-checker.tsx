'use client';

import { useState, type ChangeEvent, type FormEvent } from 'react';
import { MAX_PROOF_CHARS } from '@/lib/proofs/proof-input';
import { checkProofText, type CheckResult } from './check-proof';
import styles from './proof.module.css';
import { VerdictView } from './verdict-view';

/** Paste or upload a proof (either format); every hash and sum is recomputed in this browser. */
export function ProofChecker() {
  const [text, setText] = useState('');
  const [result, setResult] = useState<CheckResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function check(proofText: string) {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await checkProofText(proofText));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'The proof could not be checked.');
    } finally {
      setBusy(false);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (text.trim() === '') setError('Paste a proof or choose a proof file first.');
    else void check(text);
  }

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    if (file.size > MAX_PROOF_CHARS) {
      setError('This file is too large to be a proof.');
      return;
    }
    const content = await file.text();
    setText(content);
    await check(content);
  }

  return (
    <div>
      <form className="form" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor="proof-text">Proof (JSON)</label>
          <textarea
            id="proof-text"
            className={styles.proofText}
            value={text}
            onChange={(event) => setText(event.target.value)}
            spellCheck={false}
            placeholder='{"format":"makewhole-proof/v1", …} or {"root":…, "self":…, "path":[…]}'
          />
        </div>
        <div className="field">
          <label htmlFor="proof-file">Or choose a proof file</label>
          <input id="proof-file" type="file" accept="application/json,.json" onChange={onFile} />
        </div>
        <div className={styles.actions}>
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Checking…' : 'Check proof'}
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {error && (
          <p className="alert error" role="alert">
            {error}
          </p>
        )}
        {result && <VerdictView verdict={result.verdict} decimals={result.decimals} />}
      </div>
    </div>
  );
}
