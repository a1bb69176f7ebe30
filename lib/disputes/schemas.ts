import { z } from 'zod';
import { assetCode, freeText } from '@/lib/validation/text';

/** What finance tells the claimant about a resolution: shown to them as written. */
export const resolutionReason = freeText({
  multiline: true,
  min: { chars: 1, message: 'Give a reason: the claimant will see it.' },
  max: { chars: 2000, message: 'Keep the reason under 2,000 characters.' },
});

export const adjustClaimSchema = z.object({
  disputeId: z.coerce.number().int().positive(),
  lines: z
    .array(
      z.object({
        asset: assetCode({
          required: 'Choose the line to adjust.',
          invalid: 'Choose one of the disputed lines.',
        }),
        // Checked exactly against the asset's decimals by the domain (lib/money parseAmount).
        amount: z.string().trim().min(1, 'Enter the new claim amount.').max(100),
      }),
    )
    .min(1, 'Choose at least one line to adjust.')
    .max(800),
  reason: resolutionReason,
});

export const rejectDisputeSchema = z.object({
  disputeId: z.coerce.number().int().positive(),
  reason: resolutionReason,
});

export const approveAdjustmentSchema = z.object({
  proposalId: z.coerce.number().int().positive(),
});

export const rejectAdjustmentSchema = z.object({
  proposalId: z.coerce.number().int().positive(),
  reason: freeText({
    multiline: true,
    min: { chars: 1, message: 'Give a reason: the officer who proposed it will read it.' },
    max: { chars: 2000, message: 'Keep the reason under 2,000 characters.' },
  }),
});

export type AdjustClaimInput = z.input<typeof adjustClaimSchema>;
export type ApproveAdjustmentInput = z.input<typeof approveAdjustmentSchema>;
export type RejectAdjustmentInput = z.input<typeof rejectAdjustmentSchema>;
export type RejectDisputeInput = z.input<typeof rejectDisputeSchema>;

/** The adjustment form: every disputed line, each chosen or not; sent as adjustClaimSchema. */
export const adjustFormSchema = z
  .object({
    lines: z.array(z.object({ asset: z.string(), amount: z.string().trim(), chosen: z.boolean() })),
    reason: resolutionReason,
  })
  .superRefine((value, ctx) => {
    if (!value.lines.some((line) => line.chosen))
      ctx.addIssue({
        code: 'custom',
        path: ['lines'],
        message: 'Choose at least one line to adjust.',
      });
    value.lines.forEach((line, index) => {
      if (line.chosen && !line.amount)
        ctx.addIssue({
          code: 'custom',
          path: ['lines', index, 'amount'],
          message: 'Enter the new claim amount.',
        });
    });
  });

export type AdjustForm = z.input<typeof adjustFormSchema>;
export type RejectForm = z.input<typeof rejectDisputeSchema>;
export type RejectAdjustmentForm = z.input<typeof rejectAdjustmentSchema>;
