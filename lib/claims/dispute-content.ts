import { AppError } from '@/lib/errors';
import { AmountError, formatUnits, parseAmount } from '@/lib/money';
import { MAX_DISPUTE_LINES, explanationSchema, referencesSchema } from './dispute-rules';
import type { Claim } from './get-claim';

export type DisputeLineInput = { asset: string; expected: string };

/** What a dispute says, normalised: equal submissions give equal content (and one ledger key). */
export type DisputeContent = {
  lines: { asset: string; expected: string }[];
  explanation: string;
  references: string[];
};

type FieldErrors = Record<string, string>;

function refuse(fieldErrors: FieldErrors): never {
  throw new AppError('bad_request', 'Please correct the highlighted fields.', fieldErrors);
}

/** The explanation and references as stored (normalised), or null with their messages. */
function checkedText(
  explanation: string,
  references: string[],
  errors: FieldErrors,
): { explanation: string; references: string[] } | null {
  const text = explanationSchema.safeParse(explanation);
  if (!text.success) errors.explanation = text.error.issues[0]?.message ?? 'Invalid.';
  const refs = referencesSchema.safeParse(references);
  if (!refs.success) {
    const issue = refs.error.issues[0];
    const line = typeof issue?.path[0] === 'number' ? `Reference ${issue.path[0] + 1}: ` : '';
    errors.references = `${line}${issue?.message ?? 'Invalid.'}`;
  }
  return text.success && refs.success ? { explanation: text.data, references: refs.data } : null;
}

function lineExpected(claim: Claim, line: DisputeLineInput, key: string, errors: FieldErrors) {
  const claimLine = claim.lines.find((candidate) => candidate.asset === line.asset);
  if (!claimLine) {
    errors[`${key}.asset`] = 'Choose one of the lines of your claim.';
    return null;
  }
  try {
    const units = parseAmount(line.expected.trim(), claimLine.decimals, {
      label: 'The amount',
      asset: claimLine.asset,
    });
    if (units === claimLine.claimUnits) {
      errors[`${key}.expected`] =
        `This is already your claim for ${claimLine.asset}; enter the amount you expect instead.`;
      return null;
    }
    return formatUnits(units, claimLine.decimals);
  } catch (error) {
    if (!(error instanceof AmountError)) throw error;
    errors[`${key}.expected`] = `${error.message}.`;
    return null;
  }
}

/**
 * Checks a dispute against the claim it is about and returns its normalised content, or
 * refuses with one message per field (form field names: `lines.0.expected`, `explanation`…).
 */
export function checkDisputeContent(
  claim: Claim,
  input: { lines: readonly DisputeLineInput[]; explanation: string; references: readonly string[] },
): DisputeContent {
  const errors: FieldErrors = {};
  const text = checkedText(input.explanation, [...input.references], errors);
  if (input.lines.length === 0) errors.lines = 'Choose at least one line you disagree with.';
  if (input.lines.length > MAX_DISPUTE_LINES)
    errors.lines = `Choose at most ${MAX_DISPUTE_LINES} lines.`;
  const seen = new Set<string>();
  const lines = input.lines.slice(0, MAX_DISPUTE_LINES).flatMap((line, index) => {
    const key = `lines.${index}`;
    if (seen.has(line.asset)) {
      errors[`${key}.asset`] = 'This line is already chosen above.';
      return [];
    }
    seen.add(line.asset);
    const expected = lineExpected(claim, line, key, errors);
    return expected === null ? [] : [{ asset: line.asset, expected }];
  });
  if (!text || Object.keys(errors).length > 0) refuse(errors);
  return {
    lines: lines.sort((a, b) => (a.asset < b.asset ? -1 : a.asset > b.asset ? 1 : 0)),
    ...text,
  };
}
