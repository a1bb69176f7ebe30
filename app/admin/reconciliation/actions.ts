'use server';

import { z } from 'zod';
import { getDb } from '@/db/client';
import { action } from '@/lib/http/action';
import { runFullVerification } from '@/lib/reconciliation/full-verification';

export const runVerificationAction = action(
  { schema: z.object({}), permission: 'ledger.verify' },
  (_input, user) => {
    const run = runFullVerification(getDb(), user);
    return { ok: run.ok, message: run.message };
  },
);
