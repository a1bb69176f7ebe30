import { z } from 'zod';
import { AppError } from '@/lib/errors';

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

const ACCOUNT_ID = /^[^\s,;]{1,64}$/;

export const MAX_LISTED_ACCOUNTS = 1_000;

export const createBatchSchema = z.object({
  requestId: z.uuid('The form expired: reload the page.'),
  asset: z
    .string()
    .trim()
    .toUpperCase()
    .optional()
    .transform((asset) => asset || undefined)
    .refine((asset) => asset === undefined || /^[A-Z0-9._-]{1,32}$/.test(asset), {
      message: 'Choose an asset, or leave it empty for all assets.',
    }),
  // One account id per line (or separated by commas or spaces); empty for every account.
  accounts: z
    .string()
    .max(80_000)
    .optional()
    .transform((text) => (text ?? '').split(/[\s,;]+/).filter(Boolean))
    .refine((ids) => ids.length <= MAX_LISTED_ACCOUNTS, {
      message: `List at most ${MAX_LISTED_ACCOUNTS} accounts.`,
    })
    .refine((ids) => ids.every((id) => ACCOUNT_ID.test(id)), {
      message: 'Account ids are 1 to 64 characters, separated by new lines, commas or spaces.',
    }),
});

const batchId = z.coerce.number().int().positive();

export const batchStepSchema = z.object({ batchId });

export const executeBatchSchema = z.object({
  batchId,
  reference: z
    .string()
    .trim()
    .min(1, 'Enter the reference of the payment (a transaction hash or credit id).')
    .max(200, 'A reference has at most 200 characters.')
    .regex(/^[^\p{Cc}]+$/u, 'A reference cannot contain control characters.'),
});

export const cancelBatchSchema = z.object({
  batchId,
  reason: z
    .string()
    .trim()
    .min(1, 'Say why the batch is cancelled.')
    .max(2000, 'Keep the reason under 2,000 characters.'),
});

export type CreateBatchForm = z.input<typeof createBatchSchema>;
export type ExecuteBatchForm = z.input<typeof executeBatchSchema>;
export type CancelBatchForm = z.input<typeof cancelBatchSchema>;
