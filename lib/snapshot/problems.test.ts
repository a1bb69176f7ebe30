import { describe, expect, it } from 'vitest';
import { MAX_KEPT_PROBLEMS, Problems } from './problems';

describe('Problems', () => {
  it('writes errors as file:line: message, or file: message without a line', () => {
    const problems = new Problems();
    problems.error('balances.csv', 7, 'balance "-1" is negative');
    problems.error('accounts.csv', undefined, 'file is missing');
    expect(problems.format()).toBe(
      'balances.csv:7: balance "-1" is negative\naccounts.csv: file is missing',
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
});
