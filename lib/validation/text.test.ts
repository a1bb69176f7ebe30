import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CONTROL_MESSAGE,
  assetCode,
  asciiIdentifier,
  characterCount,
  emailAddress,
  freeText,
  findHiddenCharacter,
  freeTextProblem,
} from './text';

const multiline = freeText({
  multiline: true,
  min: { chars: 1, message: 'Too short.' },
  max: { chars: 20, message: 'Too long.' },
});
const singleLine = freeText({ max: { chars: 20, message: 'Too long.' } });
const reference = asciiIdentifier({
  allowed: 'letters, digits, spaces and punctuation',
  spaces: true,
  max: { chars: 20, message: 'Too long.' },
});

const messageOf = (schema: { safeParse(input: unknown): unknown }, input: unknown) => {
  const parsed = schema.safeParse(input) as {
    success: boolean;
    error?: { issues: { message: string }[] };
  };
  return parsed.success ? null : parsed.error!.issues.map((i) => i.message);
};

/** Text in many scripts that people legitimately write, each as one string. */
const LEGITIMATE = [
  'Crème brûlée, naïve façade',
  'Zürich – São Paulo – Kraków',
  '我的余额在黑客攻击前更高',
  '잔액이 더 많았습니다',
  'Мой баланс был больше',
  'رصيدي كان أكبر',
  'שלום\u200F!', // Hebrew with a right-to-left mark
  'می‌خواهم', // Persian: the zero-width non-joiner is part of the spelling
  'क्‍ष', // Devanagari with a zero-width joiner
  'Family 👨‍👩‍👧 and 🏳️‍🌈',
  'Coder 👩🏽‍💻 ❤️ 1️⃣ 🇩🇪',
  'Scotland 🏴󠁧󠁢󠁳󠁣󠁴󠁿',
  '葛󠄀 (ideographic variant)',
  '<script>alert(1)</script>',
];

const LONE_HIGH = '\uD800';
const LONE_LOW = '\uDC00';

describe('free text shown to other people', () => {
  it.each(LEGITIMATE)('accepts %j', (text) => {
    const schema = freeText({ max: { chars: 100, message: 'Too long.' } });
    expect(freeTextProblem(text, { multiline: false })).toBeNull();
    expect(schema.parse(text)).toBe(text.normalize('NFC'));
  });

  it('is stored NFC-normalised, trimmed and with \\n line breaks', () => {
    const decomposed = ' Cre\u0300me bru\u0302le\u0301e\r\nline two\rthree\u2028four ';
    expect(multiline.safeParse(decomposed).success).toBe(false); // over 20 characters
    const schema = freeText({ multiline: true, max: { chars: 100, message: 'Too long.' } });
    expect(schema.parse(decomposed)).toBe('Crème brûlée\nline two\nthree\nfour');
    expect(schema.parse('\uFEFFa leading byte-order mark is whitespace')).toBe(
      'a leading byte-order mark is whitespace',
    );
  });

  it('counts characters, not UTF-16 units: an emoji or an accented letter is one', () => {
    expect(characterCount('😀é葛')).toBe(3);
    expect(multiline.safeParse('😀'.repeat(20)).success).toBe(true);
    expect(messageOf(multiline, '😀'.repeat(21))).toEqual(['Too long.']);
    // Twenty accented letters typed decomposed are forty code points, but twenty characters.
    expect(multiline.safeParse('e\u0301'.repeat(20)).success).toBe(true);
    expect(messageOf(multiline, '   ')).toEqual(['Too short.']);
  });

  it('refuses control characters, keeping line feeds in multi-line text only', () => {
    for (const control of ['\u0000', '\u0007', '\t', '\u001B', '\u007F', '\u0085', '\u009B']) {
      expect(messageOf(multiline, `a${control}b`)).toEqual([CONTROL_MESSAGE.multiline]);
      expect(messageOf(singleLine, `a${control}b`)).toEqual([CONTROL_MESSAGE.singleLine]);
    }
    expect(multiline.parse('one\ntwo')).toBe('one\ntwo');
    for (const lineBreak of ['\n', '\r\n', '\u2028', '\u2029']) {
      expect(messageOf(singleLine, `one${lineBreak}two`)).toEqual([CONTROL_MESSAGE.singleLine]);
    }
  });

  it('refuses every bidirectional embedding, override and isolate, naming it', () => {
    for (const code of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]) {
      const hex = code.toString(16).toUpperCase();
      expect(messageOf(multiline, `ab${String.fromCodePoint(code)}cd`)).toEqual([
        `Remove the hidden text-direction character U+${hex} (character 3): it makes the text read differently than it was typed.`,
      ]);
    }
  });

  it('refuses zero-width and other invisible characters, naming them', () => {
    expect(messageOf(multiline, 'pay\u200Bpal')).toEqual([
      'Remove the zero-width space U+200B (character 4): it cannot be seen but changes the text.',
    ]);
    for (const [text, named] of [
      ['a\u200Cb', 'zero-width non-joiner U+200C'],
      ['a\u200Db', 'zero-width joiner U+200D'],
      ['a\u2060b', 'word joiner U+2060'],
      ['a\uFEFFb', 'zero-width no-break space U+FEFF'],
      ['a\u00ADb', 'soft hyphen U+00AD'],
      ['a\u3164b', 'invisible character U+3164'], // Hangul filler
      ['a\u{E0041}b', 'invisible character U+E0041'], // a tag outside a flag: hidden text
      ['a\uFE0F\uFE0Fb', 'invisible character U+FE0F'], // a selector with nothing to select
      ['😀\u200D', 'zero-width joiner U+200D'], // joining nothing
    ]) {
      expect(freeTextProblem(text!, { multiline: true })).toContain(`Remove the ${named}`);
    }
  });

  it('refuses direction marks, joiners and every format character in strict text', () => {
    const strict = { multiline: false, strict: true } as const;
    for (const [text, kind, codePoint] of [
      ['ab\u200Ecd', 'direction', 'U+200E'],
      ['ab\u200Fcd', 'direction', 'U+200F'],
      ['ab\u061Ccd', 'direction', 'U+061C'],
      ['ab\u202Ecd', 'direction', 'U+202E'],
      ['ab\u2067cd', 'direction', 'U+2067'],
      ['می\u200Cخو', 'invisible', 'U+200C'], // a joiner that would be fine where it is typed
      ['a👨\u200D👩', 'invisible', 'U+200D'],
      ['ab\u200Bcd', 'invisible', 'U+200B'],
      ['ab\u2060cd', 'invisible', 'U+2060'],
      ['ab\uFEFFcd', 'invisible', 'U+FEFF'],
      ['ab\u00ADcd', 'invisible', 'U+00AD'],
      ['ab\u0600cd', 'invisible', 'U+0600'], // a format character that is not default-ignorable
      ['ab\u{E0041}cd', 'invisible', 'U+E0041'],
      ['ab\tcd', 'control', 'U+0009'],
      ['ab\u0085cd', 'control', 'U+0085'],
      ['ab\u2028cd', 'line-break', 'U+2028'],
    ] as const) {
      expect(findHiddenCharacter(text, strict), text).toMatchObject({
        kind,
        codePoint,
        position: 3,
      });
      // What strict text refuses beyond the forms' rule, the forms keep accepting.
      if (['U+200E', 'U+200F', 'U+061C', 'U+200C', 'U+200D'].includes(codePoint))
        expect(findHiddenCharacter(text, { multiline: false }), text).toBeNull();
    }
    for (const text of ['Ada Lovelace', '我的余额', 'رصيدي', 'Coder ❤️', '葛󠄀'])
      expect(findHiddenCharacter(text, strict), text).toBeNull();
  });

  it('refuses lone surrogates, high or low, naming where they are', () => {
    expect(messageOf(multiline, `ab${LONE_HIGH}`)).toEqual([
      'Character 3 is broken (a lone surrogate, U+D800): retype it.',
    ]);
    expect(messageOf(singleLine, `${LONE_LOW}ab`)).toEqual([
      'Character 1 is broken (a lone surrogate, U+DC00): retype it.',
    ]);
  });

  it('gives one message per field, the characters first', () => {
    expect(messageOf(multiline, `${'x'.repeat(30)}\u202E`)).toHaveLength(1);
    expect(messageOf(multiline, `${'x'.repeat(30)}\u202E`)![0]).toMatch(/text-direction/);
  });

  // The properties below say the same for text no one thought of.
  // Any graphemes but those the policy refuses by class (a Hangul filler is default-ignorable).
  const visibleText = fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 20 })
    .filter((text) => !/[\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cs}]/u.test(text));
  const forbidden = fc.constantFrom(
    '\u0000',
    '\u0008',
    '\u000B',
    '\u001F',
    '\u007F',
    '\u0090',
    '\u202A',
    '\u202E',
    '\u2066',
    '\u2069',
    '\u200B',
    '\u2060',
    '\uFEFF',
    '\u00AD',
    LONE_HIGH,
    LONE_LOW,
  );

  it('accepts any printable text, stored as its trimmed NFC form, the same when parsed again', () => {
    const schema = freeText({ multiline: true, max: { chars: 1000, message: 'Too long.' } });
    fc.assert(
      fc.property(visibleText, (text) => {
        const parsed = schema.safeParse(text);
        if (text.trim() === '') return;
        expect(parsed.error?.issues[0]?.message).toBeUndefined();
        // Multi-line text keeps its line breaks as \n, whichever kind was typed.
        const lineFeeds = (t: string) => t.replace(/\r\n?|[\u2028\u2029]/g, '\n');
        expect(parsed.data).toBe(lineFeeds(text.normalize('NFC').trim()));
        expect(schema.parse(parsed.data)).toBe(parsed.data);
      }),
    );
  });

  it('refuses any text with a forbidden character anywhere inside it', () => {
    const schema = freeText({ multiline: true, max: { chars: 1000, message: 'Too long.' } });
    fc.assert(
      fc.property(visibleText, visibleText, forbidden, (before, after, bad) => {
        const message = messageOf(schema, `x${before}${bad}${after}x`);
        expect(message).toHaveLength(1);
        expect(message![0]).toMatch(/^Remove|^Character/);
      }),
    );
  });
});

describe('identifiers', () => {
  it('accepts any printable ASCII', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 20 }), (text) => {
        expect(reference.parse(text)).toBe(text.trim());
      }),
    );
  });

  it('refuses anything else, naming the character by code point and position', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme-ascii', maxLength: 8 }),
        fc
          .string({ unit: 'binary', minLength: 1, maxLength: 1 })
          .filter((c) => !/^[\x20-\x7E]$/.test(c)),
        (prefix, other) => {
          const text = `x${prefix}${other}x`;
          const code = other.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
          expect(messageOf(reference, text)).toEqual([
            `Use only ASCII letters, digits, spaces and punctuation: character ${prefix.length + 2} (U+${code}) is not one of them.`,
          ]);
        },
      ),
    );
  });

  it('refuses lookalikes rather than storing them', () => {
    for (const [text, code] of [
      ['0x\u0430bc', 'U+0430'], // Cyrillic small a
      ['0x\uFF11abc', 'U+FF11'], // fullwidth digit one
      ['TX-\u039F', 'U+039F'], // Greek capital omicron
      ['0xab\u200Bc', 'U+200B'],
      ['0xab\u202Ec', 'U+202E'],
    ]) {
      expect(messageOf(reference, text)![0]).toContain(code);
    }
  });

  it('folds case only once the text is ASCII', () => {
    const asset = assetCode({ required: 'Choose.', invalid: 'Not an asset.' });
    expect(asset.parse(' usdc ')).toBe('USDC');
    // Dotless i and long s upper-case to ASCII "I" and "S": refused, not folded into "BITS".
    expect(messageOf(asset, 'b\u0131t\u017F')![0]).toContain('U+0131');
    expect(messageOf(asset, 'BTC!')).toEqual(['Not an asset.']);
  });
});

describe('email addresses', () => {
  const email = emailAddress();

  it('are lower-cased and trimmed', () => {
    expect(email.parse('  Alice@Demo.TEST ')).toBe('alice@demo.test');
  });

  it('refuse lookalikes, even one that lower-cases to ASCII', () => {
    // The Kelvin sign lower-cases to "k": folding first would give someone else's address.
    expect('\u212Aate@demo.test'.toLowerCase()).toBe('kate@demo.test');
    expect(messageOf(email, '\u212Aate@demo.test')).toEqual([
      'Use only ASCII letters, digits and punctuation in an email address: character 1 (U+212A) is not one of them.',
    ]);
    expect(messageOf(email, '\u0430lice@demo.test')![0]).toContain('U+0430');
    expect(messageOf(email, 'alice\uFF20demo.test')![0]).toContain('U+FF20');
    expect(messageOf(email, 'alice@demo.test\u200B')![0]).toContain('U+200B');
    expect(messageOf(email, 'not an email')).toEqual(['Enter a valid email address.']);
    expect(messageOf(email, '')).toEqual(['Enter your email address.']);
  });
});
