import { claimantOfPaidName } from './accounts';

// What verify finds and how it words it, the same on either engine.

export type CheckName = 'triggers' | 'balanced' | 'chain' | 'projection' | 'noOverpay';

export type VerifyResult = {
  ok: boolean;
  /** The first problem found, naming the transaction, posting or projection row. */
  firstProblem: string | null;
  checks: Record<CheckName, boolean>;
  problems: Partial<Record<CheckName, string>>;
  transactions: number;
  postings: number;
};

/** The first problem of each check, and the first of all, as they are found. */
export class Findings {
  readonly problems: Partial<Record<CheckName, string>> = {};
  first: string | null = null;

  fail(check: CheckName, message: string): void {
    this.problems[check] ??= message;
    this.first ??= message;
  }
}

const CHECK_ORDER = ['triggers', 'chain', 'balanced', 'projection', 'noOverpay'] as const;

export function result(
  problems: Partial<Record<CheckName, string>>,
  counts: { transactions: number; postings: number },
): VerifyResult {
  const checks = Object.fromEntries(CHECK_ORDER.map((c) => [c, !problems[c]])) as Record<
    CheckName,
    boolean
  >;
  const firstProblem = CHECK_ORDER.map((c) => problems[c]).find(Boolean) ?? null;
  return { ok: firstProblem === null, firstProblem, checks, problems, ...counts };
}

export function triggersProblem(findings: Findings, missing: readonly string[]): void {
  if (missing.length > 0)
    findings.fail('triggers', `append-only triggers missing: ${missing.join(', ')}`);
}

/** A stored amount that is not an integer count of units: reported, and counted as nothing. */
export function badUnits(text: string, where: string, findings: Findings): '0' {
  findings.fail('chain', `${where}: amount "${text}" is not an integer count of units`);
  return '0';
}

export const projectionMessages = {
  differs: (account: string, asset: string, projected: string, summed: string) =>
    `balance of ${account} in ${asset}: projection says ${projected}, postings sum to ${summed}`,
  noPostings: (account: string, asset: string, projected: string) =>
    `balance of ${account} in ${asset}: projection says ${projected}, there are no postings`,
  noRow: (account: string, asset: string, summed: string) =>
    `balance of ${account} in ${asset}: postings sum to ${summed}, projection has no row`,
};

export const overpaidMessage = (paidAccount: string, asset: string, paid: string, owed: string) =>
  `${claimantOfPaidName(paidAccount)} was paid ${paid} ${asset} units but is owed ${owed}`;
