'use server';

import { getDb } from '@/db/client';
import { action } from '@/lib/http/action';
import { setPhrase } from '@/lib/onboarding/anti-phishing';
import { phraseSchema } from '@/lib/onboarding/schemas';

export const savePhraseAction = action(
  { schema: phraseSchema, permission: 'claim.own' },
  ({ phrase }, user) => {
    setPhrase(getDb().$client, {
      userId: user.id,
      email: user.email,
      accountId: user.accountId,
      phrase,
    });
    return { phrase };
  },
);
