'use server';

import { headers } from 'next/headers';
import { enrolmentKeyStep } from '@/lib/auth/enrolment-step';
import type { EnrolmentKeyInput } from '@/lib/auth/login-schema';
import { sourceAddress } from '@/lib/onboarding/public-action';

// Taken before anyone is signed in: the password is checked again and throttled like a sign-in.
export async function enrolmentKeyAction(input: EnrolmentKeyInput) {
  return enrolmentKeyStep(input, sourceAddress(await headers()));
}
