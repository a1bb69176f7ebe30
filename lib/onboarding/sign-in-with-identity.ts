import type Database from 'better-sqlite3';
import {
  AUTH_OIDC_REFUSED,
  AUTH_OIDC_SIGN_IN,
  AUTH_OIDC_UNMATCHED,
} from '@/lib/audit/audit-actions';
import { auditWriter } from './audit';

/** What the exchange's identity provider says about the person signing in (ID token claims). */
export type IdentityClaims = { sub: string; email?: string | null; emailVerified?: boolean };

export type IdentitySignIn =
  | { outcome: 'signed_in'; user: { id: number; email: string; accountId: string } }
  | { outcome: 'unmatched' | 'refused' };

type Account = { id: string; email: string };
type Login = {
  id: number;
  email: string;
  role: string;
  accountId: string | null;
  disabledAt: string | null;
};

const LOGIN_COLUMNS = 'id, email, role, account_id AS accountId, disabled_at AS disabledAt';

/**
 * Maps an identity from the exchange to its snapshot account: the subject is the exchange's
 * account id, or else a verified email is the account's address. A match signs in as the
 * account's claimant login (created, without a password, on first use); no match never creates
 * anything. An unverified email is not trusted: anyone can claim any address at some providers.
 */
export function signInWithIdentity(
  sqlite: Database.Database,
  claims: IdentityClaims,
): IdentitySignIn {
  return sqlite
    .transaction((): IdentitySignIn => {
      const audit = auditWriter(sqlite);
      const match = matchAccount(sqlite, claims);
      const seen = {
        sub: claims.sub,
        email: claims.email ?? null,
        emailVerified: Boolean(claims.emailVerified),
      };
      if (!match) {
        audit(AUTH_OIDC_UNMATCHED, { actorEmail: claims.email ?? null, detail: seen });
        return { outcome: 'unmatched' };
      }
      const login = loginFor(sqlite, match.account);
      if (login === 'refused') {
        audit(AUTH_OIDC_REFUSED, {
          actorEmail: claims.email ?? null,
          accountId: match.account.id,
          detail: seen,
        });
        return { outcome: 'refused' };
      }
      const user = login ?? createLogin(sqlite, match.account);
      audit(AUTH_OIDC_SIGN_IN, {
        actorUserId: user.id,
        actorEmail: user.email,
        accountId: match.account.id,
        detail: { ...seen, matchedBy: match.by, loginCreated: !login },
      });
      return {
        outcome: 'signed_in',
        user: { id: user.id, email: user.email, accountId: match.account.id },
      };
    })
    .immediate();
}

function matchAccount(
  sqlite: Database.Database,
  claims: IdentityClaims,
): { account: Account; by: 'subject' | 'email' } | null {
  const bySubject = sqlite
    .prepare('SELECT id, email FROM accounts WHERE id = ?')
    .get(claims.sub) as Account | undefined;
  if (bySubject) return { account: bySubject, by: 'subject' };
  if (!claims.email || claims.emailVerified !== true) return null;
  const byEmail = sqlite
    .prepare('SELECT id, email FROM accounts WHERE lower(email) = ?')
    .get(claims.email.toLowerCase()) as Account | undefined;
  return byEmail ? { account: byEmail, by: 'email' } : null;
}

/** The account's claimant login, none yet, or 'refused' (disabled, or its address taken by another login). */
function loginFor(sqlite: Database.Database, account: Account): Login | undefined | 'refused' {
  const bound = sqlite
    .prepare(`SELECT ${LOGIN_COLUMNS} FROM users WHERE account_id = ? AND role = 'claimant'`)
    .get(account.id) as Login | undefined;
  if (bound) return bound.disabledAt ? 'refused' : bound;
  const sameEmail = sqlite
    .prepare(`SELECT ${LOGIN_COLUMNS} FROM users WHERE email = ?`)
    .get(account.email.toLowerCase()) as Login | undefined;
  return sameEmail ? 'refused' : undefined;
}

function createLogin(sqlite: Database.Database, account: Account): Login {
  const email = account.email.toLowerCase();
  const row = sqlite
    .prepare(
      `INSERT INTO users (email, password_hash, role, account_id, created_at)
       VALUES (?, NULL, 'claimant', ?, ?)`,
    )
    .run(email, account.id, new Date().toISOString());
  return {
    id: Number(row.lastInsertRowid),
    email,
    role: 'claimant',
    accountId: account.id,
    disabledAt: null,
  };
}
