import { z } from 'zod';
import { AppError } from '@/lib/errors';
import {
  ACCOUNT_ID_CHARACTERS,
  ASSET_CODE,
  ASSET_CODE_CHARACTERS,
  MAX_ACCOUNT_ID_CHARS,
  asciiIdentifier,
  freeText,
  nonAsciiProblem,
} from '@/lib/validation/text';

/** Parses domain input with the same schema the form uses; a refusal names each bad field. */
export function parseOrRefuse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors = Object.fromEntries(
    parsed.error.issues.map((issue) => [issue.path.join('.'), issue.message]),
  );
  throw new AppError(
    'bad_request',
    parsed.error.issues.map((i) => i.message).join(' '),
    fieldErrors,
  );
}

export const MAX_LISTED_ACCOUNTS = 1_000;

const ASSET_MESSAGE = 'Choose an asset, or leave it empty for all assets.';

/** The first problem with a list of account ids, or null. */
function accountListProblem(ids: string[]): string | null {
  if (ids.length > MAX_LISTED_ACCOUNTS) return `List at most ${MAX_LISTED_ACCOUNTS} accounts.`;
  for (const [index, id] of ids.entries()) {
    const problem = nonAsciiProblem(id, ACCOUNT_ID_CHARACTERS);
    if (problem) return `Account id ${index + 1}: ${problem}`;
    if (id.length > MAX_ACCOUNT_ID_CHARS)
      return 'Account ids are 1 to 64 characters, separated by new lines, commas or spaces.';
  }
  return null;
}

export const createBatchSchema = z.object({
  requestId: z.uuid('The form expired: reload the page.'),
  // Empty for all assets.
  asset: asciiIdentifier({
    ...ASSET_CODE_CHARACTERS,
    max: { chars: 32, message: ASSET_MESSAGE },
    pattern: { regex: new RegExp(`^$|${ASSET_CODE.source}`), message: ASSET_MESSAGE },
    fold: 'upper',
  })
    .optional()
    .transform((asset) => asset || undefined),
  // One account id per line (or separated by commas or spaces); empty for every account.
  accounts: z
    .string()
    .max(80_000)
    .optional()
    .transform((text) => (text ?? '').split(/[\s,;]+/).filter(Boolean))
    .superRefine((ids, context) => {
      const problem = accountListProblem(ids);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    }),
});

const batchId = z.coerce.number().int().positive();

export const batchStepSchema = z.object({ batchId });

export const executeBatchSchema = z.object({
  batchId,
  // Copied by the wallet team and shown to claimants: a lookalike must not pass for the real one.
  reference: asciiIdentifier({
    allowed: 'letters, digits, spaces and punctuation',
    spaces: true,
    min: {
      chars: 1,
      message: 'Enter the reference of the payment (a transaction hash or credit id).',
    },
    max: { chars: 200, message: 'A reference has at most 200 characters.' },
  }),
});

export const cancelBatchSchema = z.object({
  batchId,
  reason: freeText({
    multiline: true,
    min: { chars: 1, message: 'Say why the batch is cancelled.' },
    max: { chars: 2000, message: 'Keep the reason under 2,000 characters.' },
  }),
});

export type CreateBatchForm = z.input<typeof createBatchSchema>;
export type ExecuteBatchForm = z.input<typeof executeBatchSchema>;
export type CancelBatchForm = z.input<typeof cancelBatchSchema>;
