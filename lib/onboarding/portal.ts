import { env } from '@/lib/env';

/** The address claimants are told to type into their browser themselves. */
export function portalUrl(): string {
  const { PORTAL_URL, NEXTAUTH_URL, PORT } = env();
  return (PORTAL_URL ?? NEXTAUTH_URL ?? `http://localhost:${PORT}`).replace(/\/+$/, '');
}
