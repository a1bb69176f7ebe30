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

export function checkTotp(secret: string, code: string): boolean {
  const token = code.replace(/\s+/g, '');
  if (!/^[0-9]{6}$/.test(token)) return false;
  try {
    return verifySync({ secret, token, epochTolerance: TOLERANCE_SECONDS }).valid;
  } catch {
    return false;
  }
}

/** The current code for a secret: for provisioning checks and tests, never shown to users. */
export function currentTotp(secret: string): string {
  return generateSync({ secret });
}
