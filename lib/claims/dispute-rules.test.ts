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

  it('refuses hidden and broken characters in the explanation and the references', () => {
    const refused = (text: string) => messages({ ...valid, explanation: text }).explanation;
    expect(refused('The deposit \u202Egnissim\u202C arrived')).toMatch(
      /^Remove the hidden text-direction character U\+202E \(character 13\)/,
    );
    expect(refused('An isolate \u2067here\u2069 is hidden')).toMatch(/U\+2067/);
    expect(refused('Invisible\u200B space in the middle')).toMatch(
      /^Remove the zero-width space U\+200B/,
    );
    expect(refused('Broken \uD83D surrogate here')).toMatch(/^Character 8 is broken/);
    expect(refused('Escape \u001B[31m sequence here')).toBe(
      'Remove tabs and other invisible control characters (line breaks are fine).',
    );
    expect(messages({ ...valid, references: '0xabc\n0x\u200Bdef' })).toEqual({
      references: expect.stringMatching(/^Line 2: Remove the zero-width space U\+200B/),
    });
    expect(messages({ ...valid, references: '0xabc\u202E' })).toEqual({
      references: expect.stringMatching(/^Line 1: Remove the hidden text-direction character/),
    });
  });

  it('counts the explanation in characters and accepts any script, emoji and line breaks', () => {
    const text = 'Mon solde était plus élevé.\n我的余额更高。\nРаньше было больше 👨‍👩‍👧 ❤️';
    expect(disputeFormSchema.parse({ ...valid, explanation: text }).explanation).toBe(text);
    // 2000 emoji are 4000 UTF-16 units, but 2000 characters: within the limit.
    expect(messages({ ...valid, explanation: '😀'.repeat(2000) })).toEqual({});
    expect(messages({ ...valid, explanation: '😀'.repeat(2001) })).toEqual({
      explanation: 'Keep the explanation under 2000 characters.',
    });
    // Typed decomposed, an accented letter is stored composed.
    const parsed = disputeFormSchema.parse({
      ...valid,
      explanation: 'Cafe\u0301 au lait, please.',
    });
    expect(parsed.explanation).toBe('Café au lait, please.');
  });

  it('takes only an ASCII asset code for a line', () => {
    expect(messages({ ...valid, lines: [{ asset: '\u0392TC', expected: '1' }] })).toEqual({
      'lines.0.asset': expect.stringMatching(/^Use only ASCII .*\(U\+0392\)/),
    });
  });
});
