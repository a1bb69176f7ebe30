import styles from './activate.module.css';

/** The promise our emails make, repeated where claimants type their code. */
export function NeverAsked() {
  return (
    <aside className={styles.never} aria-label="What we never ask for">
      <p>
        <strong>Makewhole never sends links.</strong> Always type this site&apos;s address yourself.
        We will never ask for your seed phrase or private keys, to connect your wallet, or for any
        fee to release your compensation.
      </p>
    </aside>
  );
}
