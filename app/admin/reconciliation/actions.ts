'use server';

import { z } from 'zod';
import { getDb } from '@/db/client';
import { action } from '@/lib/http/action';
import { startBackgroundJob } from '@/lib/jobs/start-background-job';

export const runVerificationAction = action(
  { schema: z.object({}), permission: 'ledger.verify' },
  (_input, user) => startBackgroundJob(getDb(), 'verification', user),
);

export const publishRootAction = action(
  { schema: z.object({}), permission: 'proof.publish' },
  (_input, user) => startBackgroundJob(getDb(), 'proof.publish', user),
);
