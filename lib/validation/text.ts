import { z } from 'zod';

/**
 * The one policy for text that people type and other people read, and for the identifiers that
 * name things. Free of server code: the forms validate with the same schemas the server parses.
 *
 * Free text (a dispute, a reason, a phrase) may be in any language, but it is stored the way it
 * will be read: NFC-normalised and trimmed, and without the characters that make a text read
 * differently than it was typed (bidirectional overrides, "Trojan Source") or that cannot be seen
 * at all (control, zero-width and other invisible characters, broken surrogates). Lengths are
 * counted in characters (code points), as a person counts them, not in UTF-16 units.
 *
 * Identifiers (references, emails, asset codes, account ids) are printable ASCII: a Cyrillic "а"
 * or a fullwidth "１" looks like the real thing, so it is refused rather than stored or folded.
 */

/** Characters as a person counts them: an emoji or an accented letter is one. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

const LONE_SURROGATE = /\p{Cs}/u;
// Embeddings, overrides and isolates reorder what follows them on screen.
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
const BIDI_CONTROL_OR_MARK = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;
const CONTROL = /\p{Cc}/u;
const CONTROL_EXCEPT_LINE_FEED = /[^\P{Cc}\n]/u;
// A line or paragraph separator breaks a line as a line feed does.
const LINE_SEPARATOR = /[\u2028\u2029]/u;
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;
const INVISIBLE_OR_FORMAT = /[\p{Default_Ignorable_Code_Point}\p{Cf}]/gu;
const VARIATION = /^[\uFE0E\uFE0F\u{E0100}-\u{E01EF}\u180B-\u180D\u180F]$/u;

// The left-to-right, right-to-left and Arabic letter marks are invisible too, but they are part of
// writing right-to-left text correctly and cannot reorder letters the way an override can.
const DIRECTION_MARKS = new Set(['\u200E', '\u200F', '\u061C']);

// Invisible characters that belong where they stand: joining the parts of an emoji, choosing its
// presentation, spelling Persian and Indic words (ZWNJ and ZWJ), choosing an ideograph's variant,
// a subdivision flag's tags, Mongolian variation selectors. Each is checked against the text just
// before it (anchored at its end, not a lookbehind: older phone browsers cannot parse those).
const JOINING_SCRIPTS =
  '\\p{sc=Arabic}\\p{sc=Syriac}\\p{sc=Devanagari}\\p{sc=Bengali}\\p{sc=Gurmukhi}\\p{sc=Gujarati}' +
  '\\p{sc=Oriya}\\p{sc=Tamil}\\p{sc=Telugu}\\p{sc=Kannada}\\p{sc=Malayalam}\\p{sc=Sinhala}';
const JOINING_LETTER_BEFORE = new RegExp(`[${JOINING_SCRIPTS}]\\p{M}*$`, 'u');
const JOINING_LETTER_AFTER = new RegExp(`^[${JOINING_SCRIPTS}]`, 'u');
const PICTOGRAPH_BEFORE = /\p{Extended_Pictographic}[\uFE0F\p{Emoji_Modifier}]?$/u;
const PICTOGRAPH_AFTER = /^\p{Extended_Pictographic}/u;
const IN_PLACE: { only: RegExp; before: RegExp; after?: RegExp }[] = [
  { only: /^\u200D$/u, before: PICTOGRAPH_BEFORE, after: PICTOGRAPH_AFTER },
  { only: /^[\u200C\u200D]$/u, before: JOINING_LETTER_BEFORE, after: JOINING_LETTER_AFTER },
  { only: /^[\uFE0E\uFE0F]$/u, before: /\p{Emoji}$/u },
  { only: /^[\u{E0100}-\u{E01EF}]$/u, before: /\p{Ideographic}$/u },
  { only: /^[\u{E0020}-\u{E007F}]$/u, before: /\u{1F3F4}[\u{E0020}-\u{E007E}]*$/u },
  { only: /^[\u180B-\u180D\u180F]$/u, before: /\p{sc=Mongolian}$/u },
];
// Enough of the text around a character to see what it stands between, a flag's tags included.
const CONTEXT_UNITS = 80;

function belongsInPlace(text: string, character: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - CONTEXT_UNITS), index);
  const after = text.slice(index + character.length, index + character.length + CONTEXT_UNITS);
  return IN_PLACE.some(
    (rule) =>
      rule.only.test(character) &&
      rule.before.test(before) &&
      (!rule.after || rule.after.test(after)),
  );
}

const INVISIBLE_NAMES: Record<string, string> = {
  '\u00AD': 'soft hyphen',
  '\u200B': 'zero-width space',
  '\u200C': 'zero-width non-joiner',
  '\u200D': 'zero-width joiner',
  '\u2060': 'word joiner',
  '\uFEFF': 'zero-width no-break space',
  '\u200E': 'left-to-right mark',
  '\u200F': 'right-to-left mark',
  '\u061C': 'Arabic letter mark',
};

/** `U+202E`: how a message names a character it must not show. */
export function codePointName(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The position a person would count to (1 for the first character). */
function positionOf(text: string, index: number): number {
  return characterCount(text.slice(0, index)) + 1;
}

function findInvisible(text: string, strict: boolean): { character: string; index: number } | null {
  for (const match of text.matchAll(strict ? INVISIBLE_OR_FORMAT : INVISIBLE)) {
    if (!strict && (DIRECTION_MARKS.has(match[0]) || belongsInPlace(text, match[0], match.index)))
      continue;
    if (strict && belongsInPlace(text, match[0], match.index) && VARIATION.test(match[0])) continue;
    return { character: match[0], index: match.index };
  }
  return null;
}

/**
 * `multiline`: line feeds are allowed. `strict`: direction marks, joiners, tags and every other
 * format character are refused too, wherever they stand (variation selectors choosing how an
 * emoji or ideograph looks excepted): for text copied from another system, such as a snapshot's
 * names, which nobody typed here and which staff read beside identifiers.
 */
export type FreeTextKind = { multiline: boolean; strict?: boolean };

/** A character that makes a text read differently than it is stored, and where it stands. */
export type HiddenCharacter = {
  kind: 'broken' | 'direction' | 'control' | 'line-break' | 'invisible';
  /** `U+202E` */
  codePoint: string;
  /** "zero-width space", when it has a name people know. */
  name: string | null;
  /** 1 for the first character, as a person counts. */
  position: number;
};

function hidden(kind: HiddenCharacter['kind'], text: string, character: string, index: number) {
  return {
    kind,
    codePoint: codePointName(character),
    name: INVISIBLE_NAMES[character] ?? null,
    position: positionOf(text, index),
  };
}

/** The first character that breaks the free-text rules for `kind`, or null when none does. */
export function findHiddenCharacter(
  text: string,
  { multiline, strict = false }: FreeTextKind,
): HiddenCharacter | null {
  const surrogate = LONE_SURROGATE.exec(text);
  if (surrogate) return hidden('broken', text, surrogate[0], surrogate.index);
  const bidi = (strict ? BIDI_CONTROL_OR_MARK : BIDI_CONTROL).exec(text);
  if (bidi) return hidden('direction', text, bidi[0], bidi.index);
  const control = (multiline ? CONTROL_EXCEPT_LINE_FEED : CONTROL).exec(text);
  if (control) return hidden('control', text, control[0], control.index);
  const separator = multiline ? null : LINE_SEPARATOR.exec(text);
  if (separator) return hidden('line-break', text, separator[0], separator.index);
  const invisible = findInvisible(text, strict);
  if (invisible) return hidden('invisible', text, invisible.character, invisible.index);
  return null;
}

export const CONTROL_MESSAGE = {
  multiline: 'Remove tabs and other invisible control characters (line breaks are fine).',
  singleLine: 'Remove line breaks, tabs and other invisible control characters.',
} as const;

/** What is wrong with the characters of a free text, in words, or null when nothing is. */
export function freeTextProblem(text: string, kind: FreeTextKind): string | null {
  const found = findHiddenCharacter(text, kind);
  if (!found) return null;
  const { codePoint, position } = found;
  switch (found.kind) {
    case 'broken':
      return `Character ${position} is broken (a lone surrogate, ${codePoint}): retype it.`;
    case 'direction':
      return `Remove the hidden text-direction character ${codePoint} (character ${position}): it makes the text read differently than it was typed.`;
    case 'control':
    case 'line-break':
      return kind.multiline ? CONTROL_MESSAGE.multiline : CONTROL_MESSAGE.singleLine;
    case 'invisible':
      return `Remove the ${found.name ?? 'invisible character'} ${codePoint} (character ${position}): it cannot be seen but changes the text.`;
  }
}

/** A limit and what a person is told when it is not met. */
export type Limit = { chars: number; message: string };

/** A rule the whole text must match, and what a person is told when it does not. */
export type Pattern = { regex: RegExp; message: string };

export type FreeTextRules = { multiline?: boolean; min?: Limit; max: Limit; pattern?: Pattern };

function toLineFeeds(text: string): string {
  return text.replace(/\r\n?|[\u2028\u2029]/g, '\n');
}

/**
 * Free text shown to other people: NFC, trimmed (line breaks as `\n` when multi-line), then one
 * message for the first problem: characters, then length in characters, then `pattern`. One issue
 * at most, so the form and the server show the same message for the field.
 */
export function freeText({ multiline = false, min, max, pattern }: FreeTextRules) {
  const base = z.string().normalize('NFC').trim();
  return (multiline ? base.overwrite(toLineFeeds) : base).superRefine((text, context) => {
    const count = characterCount(text);
    const problem =
      freeTextProblem(text, { multiline }) ??
      (min && count < min.chars ? min.message : null) ??
      (count > max.chars ? max.message : null) ??
      (pattern && !pattern.regex.test(text) ? pattern.message : null);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });
}

// Anything outside printable ASCII, with or without the space.
const PRINTABLE_ASCII = /[^\x20-\x7E]/;
const PRINTABLE_ASCII_NO_SPACE = /[^\x21-\x7E]/;

/** The first character of an identifier outside printable ASCII (with or without the space). */
export function findNonAscii(
  text: string,
  { spaces = false }: { spaces?: boolean } = {},
): { codePoint: string; position: number } | null {
  const found = (spaces ? PRINTABLE_ASCII : PRINTABLE_ASCII_NO_SPACE).exec(text);
  if (!found) return null;
  const character = String.fromCodePoint(text.codePointAt(found.index)!);
  return { codePoint: codePointName(character), position: positionOf(text, found.index) };
}

/**
 * What is wrong with an identifier's characters: `allowed` says what may be used ("letters,
 * digits and punctuation"); the message names the first other character by code point only, since
 * showing a direction override or a lookalike in the message would repeat the problem.
 */
export function nonAsciiProblem(
  text: string,
  { allowed, spaces = false }: { allowed: string; spaces?: boolean },
): string | null {
  const found = findNonAscii(text, { spaces });
  if (!found) return null;
  return `Use only ASCII ${allowed}: character ${found.position} (${found.codePoint}) is not one of them.`;
}

export type IdentifierRules = {
  /** What may be used, for the message: "letters, digits and punctuation". */
  allowed: string;
  spaces?: boolean;
  min?: Limit;
  max: Limit;
  /** Checked after `fold`, once the text is known to be ASCII. */
  pattern?: Pattern;
  /** Case folding, applied only to ASCII: "ı" must not become "I", nor "K" (Kelvin) "k". */
  fold?: 'upper' | 'lower';
};

const FOLDS = {
  upper: (text: string) => text.toUpperCase(),
  lower: (text: string) => text.toLowerCase(),
  none: (text: string) => text,
};

/** An identifier: trimmed, printable ASCII, within its length. The first problem is the message. */
export function asciiIdentifier({ allowed, spaces, min, max, pattern, fold }: IdentifierRules) {
  const folded = FOLDS[fold ?? 'none'];
  return z
    .string()
    .trim()
    .superRefine((text, context) => {
      const problem =
        (min && text.length < min.chars ? min.message : null) ??
        nonAsciiProblem(text, { allowed, spaces }) ??
        (text.length > max.chars ? max.message : null) ??
        (pattern && !pattern.regex.test(folded(text)) ? pattern.message : null);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    })
    .overwrite(folded);
}

export const MAX_EMAIL_CHARS = 254;

/**
 * An email address: ASCII only, checked before lower-casing, so that a lookalike that folds to
 * ASCII (the Kelvin sign "K" becomes "k") is refused, not silently turned into someone else's
 * address. An internationalised domain can still be written in its `xn--` form.
 */
export function emailAddress({ required = 'Enter your email address.' } = {}) {
  return asciiIdentifier({
    allowed: 'letters, digits and punctuation in an email address',
    // A space is ASCII: the address format refuses it, with its own message.
    spaces: true,
    min: { chars: 1, message: required },
    max: {
      chars: MAX_EMAIL_CHARS,
      message: `An email address has at most ${MAX_EMAIL_CHARS} characters.`,
    },
    fold: 'lower',
  }).pipe(z.email('Enter a valid email address.'));
}

export const ASSET_CODE = /^[A-Z0-9._-]{1,32}$/;

/** What an asset code may be made of, for the message naming what it may not. */
export const ASSET_CODE_CHARACTERS = {
  allowed: 'letters, digits and . _ - in an asset code',
} as const;

/** An asset code as the snapshot writes it; lower case is raised, but only once it is ASCII. */
export function assetCode({ required, invalid }: { required: string; invalid: string }) {
  return asciiIdentifier({
    ...ASSET_CODE_CHARACTERS,
    min: { chars: 1, message: required },
    max: { chars: 32, message: invalid },
    pattern: { regex: ASSET_CODE, message: invalid },
    fold: 'upper',
  });
}

export const MAX_ACCOUNT_ID_CHARS = 64;

/** What an account id may be made of, for the message naming what it may not. */
export const ACCOUNT_ID_CHARACTERS = {
  allowed: 'letters, digits and punctuation in an account id',
} as const;

export function accountId({ required }: { required: string }) {
  return asciiIdentifier({
    ...ACCOUNT_ID_CHARACTERS,
    min: { chars: 1, message: required },
    max: {
      chars: MAX_ACCOUNT_ID_CHARS,
      message: `An account id has at most ${MAX_ACCOUNT_ID_CHARS} characters.`,
    },
  });
}
