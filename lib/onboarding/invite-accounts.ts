import type Database from 'better-sqlite3';
import { AppError } from '@/lib/errors';
import { codeIssuer, type CodeActor } from './issue-code';

export type InviteOptions = {
  /** One account, or every snapshot account when absent. */
  accountId?: string;
  /** Issue a fresh code even to accounts whose code is still valid (the old one stops working). */
  reissue?: boolean;
  actor: CodeActor;
  now?: Date;
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
};

export type InviteResult = { invited: number; skipped: number };

const DEFAULT_BATCH = 20_000;

// An account is invited when no login is bound to it or uses its address (a disabled login stays
// disabled) and, unless re-issuing, it holds no code that is still valid. The NOT IN lists are
// built once per statement, which keeps a page of a million-account snapshot one index walk.
const ELIGIBLE = `
  id NOT IN (SELECT account_id FROM users WHERE account_id IS NOT NULL)
  AND lower(email) NOT IN (SELECT email FROM users)
  AND (@reissue = 1 OR NOT EXISTS (
    SELECT 1 FROM activation_codes c
    WHERE c.account_id = accounts.id AND c.used_at IS NULL AND c.revoked_at IS NULL
      AND c.expires_at > @now))`;

type Row = { id: string; email: string };

/**
 * Issues an activation code and queues one email for every snapshot account without a login
 * (or for one account). Idempotent: running it again invites nobody twice while their code is
 * valid. Each page of accounts is one transaction, so an interrupted run keeps what it did.
 */
export function inviteAccounts(sqlite: Database.Database, options: InviteOptions): InviteResult {
  const now = options.now ?? new Date();
  const params = { reissue: options.reissue ? 1 : 0, now: now.toISOString() };
  if (options.accountId) return inviteOne(sqlite, options.accountId, params, options.actor, now);

  const total = sqlite.prepare('SELECT count(*) FROM accounts').pluck().get() as number;
  const eligible = sqlite
    .prepare(`SELECT count(*) FROM accounts WHERE ${ELIGIBLE}`)
    .pluck()
    .get(params) as number;
  const page = sqlite.prepare(
    `SELECT id, email FROM accounts WHERE id > @after AND ${ELIGIBLE} ORDER BY id LIMIT @limit`,
  );
  const issuer = codeIssuer(sqlite, options.actor, now);
  const invitePage = sqlite.transaction((rows: Row[]) => {
    for (const row of rows) {
      issuer.issue({
        email: row.email,
        toAddress: row.email,
        accountId: row.id,
        purpose: 'invite',
      });
    }
  });
  let invited = 0;
  let after = '';
  options.onProgress?.(0, eligible);
  for (;;) {
    const rows = page.all({ ...params, after, limit: options.batchSize ?? DEFAULT_BATCH }) as Row[];
    if (rows.length === 0) break;
    invitePage.immediate(rows);
    invited += rows.length;
    after = rows[rows.length - 1]!.id;
    options.onProgress?.(invited, Math.max(eligible, invited));
  }
  return { invited, skipped: total - invited };
}

function inviteOne(
  sqlite: Database.Database,
  accountId: string,
  params: { reissue: number; now: string },
  actor: CodeActor,
  now: Date,
): InviteResult {
  const account = sqlite.prepare('SELECT id, email FROM accounts WHERE id = ?').get(accountId) as
    Row | undefined;
  if (!account) throw new AppError('not_found', `No snapshot account ${accountId}.`);
  const issuer = codeIssuer(sqlite, actor, now);
  return sqlite
    .transaction(() => {
      const eligible = sqlite
        .prepare(`SELECT 1 FROM accounts WHERE id = @id AND ${ELIGIBLE}`)
        .get({ ...params, id: accountId });
      if (!eligible) return { invited: 0, skipped: 1 };
      issuer.issue({
        email: account.email,
        toAddress: account.email,
        accountId,
        purpose: 'invite',
      });
      return { invited: 1, skipped: 0 };
    })
    .immediate();
}
