import { formatExact, groupDigits, parseCoverage, roundUsdCents } from '@/lib/money';

/** What a claimant reads: grouped digits, cents half-up, coverage as a percentage, UTC dates. */
export const displayUsd = (exact: string) => `$${groupDigits(roundUsdCents(exact))}`;

export const displayPrice = (exact: string) => `$${groupDigits(exact)}`;

export function displayCoverage(coverage: string): string {
  const { numerator, scale } = parseCoverage(coverage);
  return `${formatExact(numerator * 100n, scale)}%`;
}

const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "14 Mar 2025, 23:59 UTC": one zone for everyone, so a date reads the same on every screen. */
export function displayDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${DATE_TIME.format(date)} UTC`;
}
