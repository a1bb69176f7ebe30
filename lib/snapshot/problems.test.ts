import { describe, expect, it } from 'vitest';
import { MAX_KEPT_PROBLEMS, Problems } from './problems';

describe('Problems', () => {
  it('writes errors as file:line: message, or file: message without a line, in bundle order', () => {
    const problems = new Problems();
    problems.error('balances.csv', 7, 'balance "-1" is negative');
    problems.error('accounts.csv', undefined, 'file is missing');
    expect(problems.format()).toBe(
      'accounts.csv: file is missing\nbalances.csv:7: balance "-1" is negative',
    );
    expect(problems.hasErrors).toBe(true);
  });

  it('keeps the first 100 errors and counts the rest', () => {
    const problems = new Problems();
    for (let line = 1; line <= 250; line += 1) problems.error('b.csv', line, 'bad');
    const lines = problems.format().split('\n');
    expect(problems.errorCount).toBe(250);
    expect(problems.errorMessages).toHaveLength(MAX_KEPT_PROBLEMS);
    expect(lines).toHaveLength(101);
    expect(lines[99]).toBe('b.csv:100: bad');
    expect(lines[100]).toBe('… and 150 more errors');
  });

  it('says "1 more error" in the singular', () => {
    const problems = new Problems();
    for (let line = 1; line <= 101; line += 1) problems.error('b.csv', line, 'bad');
    expect(problems.format().split('\n').at(-1)).toBe('… and 1 more error');
  });

  it('keeps warnings apart from errors', () => {
    const problems = new Problems();
    problems.warn('a.csv', 1, 'unknown column "x" ignored');
    expect(problems.hasErrors).toBe(false);
    expect(problems.format()).toBe('');
    expect(problems.warningCount).toBe(1);
    expect(problems.formatWarnings()).toBe('a.csv:1: unknown column "x" ignored');
  });

  it("merges another thread's findings in file and line order, counting all", () => {
    const mine = new Problems();
    mine.error('balances.csv', 30, 'duplicate balance');
    const theirs = new Problems();
    theirs.error('balances.csv', 12, 'negative');
    theirs.error('accounts.csv', 4, 'bad email');
    theirs.warn('balances.csv', 1, 'unknown column "note" ignored');
    mine.absorb(theirs.toJSON());
    expect(mine.format().split('\n')).toEqual([
      'accounts.csv:4: bad email',
      'balances.csv:12: negative',
      'balances.csv:30: duplicate balance',
    ]);
    expect(mine.errorCount).toBe(3);
    expect(mine.warningCount).toBe(1);
  });
});
