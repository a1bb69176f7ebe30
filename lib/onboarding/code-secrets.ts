import type Database from 'better-sqlite3';
import { outsideKey, outsideKeyFor } from '@/lib/secrets/outside-key';

/** The key that turns a code's stored nonce back into the code when its email is sent. */
export function codeDerivationKey(sqlite: Database.Database): Buffer {
  return outsideKey(sqlite);
}

/**
 * The key of the stored code hashes. It is derived from the key outside the database, so a copy
 * of the database or of a backup cannot test guesses against a stored hash: no code in it can be
 * redeemed. Rows stored before this keyed their hash with a pepper kept in the database
 * (`settings.activation_code_pepper`); they no longer match and simply do not redeem, which
 * costs little since a code lives fourteen days at most: issue a new one.
 */
export function codeHashKey(sqlite: Database.Database): Buffer {
  return outsideKeyFor(sqlite, 'code-hash');
}
