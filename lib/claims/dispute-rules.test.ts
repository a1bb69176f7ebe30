import { describe, expect, it } from 'vitest';
import { disputeFormSchema, splitReferences } from './dispute-rules';

const valid = {
  version: 'a'.repeat(64),
  lines: [{ asset: 'BTC', expected: '1.5' }],
  explanation: 'Line one.\r\nLine two is fine too.',
  references: '0xabc\n\n  0xdef  \n',
};

const messages = (input: unknown) => {
  const parsed = disputeFormSchema.safeParse(input);
  return parsed.success
    ? {}
    : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]));
};

describe('the dispute form rules', () => {
  it('accepts a complete dispute, line breaks included, and never carries an account', () => {
    const parsed = disputeFormSchema.parse({ ...valid, accountId: 'acct-other' });
    expect(parsed).not.toHaveProperty('accountId');
    expect(splitReferences(parsed.references)).toEqual(['0xabc', '0xdef']);
  });

  it('names each field that is wrong, in words a claimant understands', () => {
    expect(
      messages({
        version: 'nope',
        lines: [
          { asset: '', expected: '1,5' },
          { asset: 'BTC', expected: '3' },
          { asset: 'BTC', expected: '2' },
        ],
        explanation: 'bell\u0007 ringing here',
        references: Array.from({ length: 11 }, (_, i) => `tx${i}`).join('\n'),
      }),
    ).toEqual({
      version: 'Reload the page and try again.',
      'lines.0.asset': 'Choose the line you disagree with.',
      'lines.0.expected': 'Enter digits and at most one "." (no commas, spaces or signs).',
      'lines.2.asset': 'This line is already chosen above.',
      explanation: 'Remove tabs and other invisible control characters (line breaks are fine).',
      references: 'Give at most 10 references.',
    });
    expect(messages({ ...valid, lines: [], references: `${'x'.repeat(201)}` })).toEqual({
      lines: 'Choose at least one line you disagree with.',
      references: 'Line 1: Each reference must be at most 200 characters.',
    });
    expect(messages({ ...valid, explanation: '\u202Ereversed text here' })).toHaveProperty(
      'explanation',
    );
  });
});
