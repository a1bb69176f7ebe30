'use server';

import { headers } from 'next/headers';
import {
  checkCodeStep,
  choosePasswordStep,
  requestCodeStep,
} from '@/lib/onboarding/activation-steps';
import { sourceAddress } from '@/lib/onboarding/public-action';
import type { CodeStepInput, PasswordStepInput, RequestCodeInput } from '@/lib/onboarding/schemas';

// Taken before anyone is signed in: each step parses its input and is throttled by address.

export async function checkCodeAction(input: CodeStepInput) {
  return checkCodeStep(input, sourceAddress(await headers()));
}

export async function choosePasswordAction(input: PasswordStepInput) {
  return choosePasswordStep(input, sourceAddress(await headers()));
}

export async function requestCodeAction(input: RequestCodeInput) {
  return requestCodeStep(input, sourceAddress(await headers()));
}
