import { generateSecret, generateSync, generateURI, verifySync } from 'otplib';

/** One 30-second step either side absorbs clock drift between phone and server. */
const TOLERANCE_SECONDS = 30;

export const TOTP_ISSUER = 'Makewhole';

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(email: string, secret: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: email, secret });
}

const STEP_SECONDS = 30;

/**
 * The 30-second step a code belongs to, if it is right for the secret now (give or take a step),
 * else null. The caller records the step so that the same code cannot sign in twice.
 */
export function matchTotp(secret: string, code: string, now: Date = new Date()): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^[0-9]{6}$/.test(token)) return null;
  try {
    const epoch = Math.floor(now.getTime() / 1000);
    const result = verifySync({ secret, token, epoch, epochTolerance: TOLERANCE_SECONDS });
    return result.valid ? Math.floor(epoch / STEP_SECONDS) + result.delta : null;
  } catch {
    return null;
  }
}

export function checkTotp(secret: string, code: string): boolean {
  return matchTotp(secret, code) !== null;
}

/** The current code for a secret: for provisioning checks and tests, never shown to users. */
export function currentTotp(secret: string): string {
  return generateSync({ secret });
}

/**
 * The step whose code a sign-in can use next, given the last step used, and from when the server
 * accepts it: the current step if unused, else the one after the last used (accepted from the
 * step before it begins). For the demo's code printer and the journeys, which sign in often.
 */
export function usableTotpStep(
  lastStep: number | null,
  now: Date = new Date(),
): { step: number; notBefore: Date } {
  const current = Math.floor(now.getTime() / 1000 / STEP_SECONDS);
  const step = Math.max(current, (lastStep ?? -Infinity) + 1);
  return { step, notBefore: new Date((step - 1) * STEP_SECONDS * 1000) };
}

/** The code of one step: for a checker that must avoid a step already used (tests, demo). */
export function totpForStep(secret: string, step: number): string {
  return generateSync({ secret, epoch: step * STEP_SECONDS });
}
