import { z } from 'zod';
import { assetCode, freeText } from '@/lib/validation/text';

/**
 * The rules of a dispute's text, shared by the claimant's form, the server action and the
 * domain function, so that a person sees the same message wherever a rule is checked.
 */
export const EXPLANATION_MIN_CHARS = 10;
export const EXPLANATION_MAX_CHARS = 2000;
export const MAX_REFERENCES = 10;
export const REFERENCE_MAX_CHARS = 200;
export const MAX_DISPUTE_LINES = 1000;
const AMOUNT_MAX_CHARS = 100;

export const explanationSchema = freeText({
  multiline: true,
  min: {
    chars: EXPLANATION_MIN_CHARS,
    message: `Explain in at least ${EXPLANATION_MIN_CHARS} characters.`,
  },
  max: {
    chars: EXPLANATION_MAX_CHARS,
    message: `Keep the explanation under ${EXPLANATION_MAX_CHARS} characters.`,
  },
});

export const referenceSchema = freeText({
  min: { chars: 1, message: 'A reference cannot be empty.' },
  max: {
    chars: REFERENCE_MAX_CHARS,
    message: `Each reference must be at most ${REFERENCE_MAX_CHARS} characters.`,
  },
});

export const referencesSchema = z
  .array(referenceSchema)
  .max(MAX_REFERENCES, `Give at most ${MAX_REFERENCES} references.`);

/** The references box holds one transaction id (or other reference) per line. */
export function splitReferences(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

// A bound before splitting: each character is at most two UTF-16 units, each line break two.
const referencesTextSchema = z
  .string()
  .max(MAX_REFERENCES * (2 * REFERENCE_MAX_CHARS + 2), 'The references are too long.')
  .superRefine((text, context) => {
    const parsed = referencesSchema.safeParse(splitReferences(text));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const line = typeof issue?.path[0] === 'number' ? `Line ${issue.path[0] + 1}: ` : '';
      context.addIssue({ code: 'custom', message: `${line}${issue?.message ?? 'Invalid.'}` });
    }
  });

export const expectedAmountSchema = z
  .string()
  .trim()
  .min(1, { message: 'Enter the amount you expect.', abort: true })
  .max(AMOUNT_MAX_CHARS, { message: 'This amount is too long.', abort: true })
  .regex(/^[0-9]+(\.[0-9]+)?$/, 'Enter digits and at most one "." (no commas, spaces or signs).');

export const disputeLineSchema = z.object({
  asset: assetCode({
    required: 'Choose the line you disagree with.',
    invalid: 'Choose one of the lines of your claim.',
  }),
  expected: expectedAmountSchema,
});

/** What the dispute form sends; the account is never part of it (it comes from the session). */
export const disputeFormSchema = z.object({
  version: z.string().regex(/^[0-9a-f]{64}$/, 'Reload the page and try again.'),
  lines: z
    .array(disputeLineSchema)
    .min(1, 'Choose at least one line you disagree with.')
    .max(MAX_DISPUTE_LINES, `Choose at most ${MAX_DISPUTE_LINES} lines.`)
    .superRefine((lines, context) => {
      const seen = new Set<string>();
      lines.forEach((line, index) => {
        if (seen.has(line.asset)) {
          context.addIssue({
            code: 'custom',
            path: [index, 'asset'],
            message: 'This line is already chosen above.',
          });
        }
        seen.add(line.asset);
      });
    }),
  explanation: explanationSchema,
  references: referencesTextSchema,
});

export type DisputeFormInput = z.input<typeof disputeFormSchema>;
export type DisputeFormValues = z.output<typeof disputeFormSchema>;

export const acknowledgeSchema = z.object({
  version: z.string().regex(/^[0-9a-f]{64}$/, 'Reload the page and try again.'),
});
