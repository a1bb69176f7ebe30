/**
 * The address a request came from, for throttling. The Next.js server appends the address of the
 * connection it accepted to X-Forwarded-For, so the list ends with what this server saw; each
 * trusted reverse proxy in front appends one more. Entries further left are whatever the client
 * wrote, and a client can write anything: trusting the first one would let an attacker give
 * every guess a fresh address. So the address is read `trustedProxies` places from the right.
 */
export function clientAddress(
  forwardedFor: string | null | undefined,
  trustedProxies: number,
): string {
  const hops = (forwardedFor ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  const address = hops[hops.length - 1 - trustedProxies] ?? hops[0];
  return (address || 'unknown').slice(0, 64);
}
