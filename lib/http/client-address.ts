import { env } from '@/lib/env';

/**
 * The address a request came from, for throttling. A client can write anything in
 * X-Forwarded-For; each reverse proxy in front of the server appends the address it accepted the
 * connection from. So the address is read `trustedProxies` places from the right: the entry the
 * outermost trusted proxy wrote, whatever the client put before it.
 *
 * With no proxy the Next.js server fills the header with the connection's address only when the
 * client sent none, so a client exposed directly can still claim any address: production runs
 * behind a proxy (it terminates HTTPS) with TRUSTED_PROXIES set (SECURITY.md).
 */
export function clientAddress(
  forwardedFor: string | null | undefined,
  trustedProxies: number,
): string {
  const hops = (forwardedFor ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  const address = hops[hops.length - Math.max(trustedProxies, 1)] ?? hops[0];
  return (address || 'unknown').slice(0, 64);
}

/** The address of the request whose X-Forwarded-For is given, behind the configured proxies. */
export function requestAddress(forwardedFor: string | null | undefined): string {
  return clientAddress(forwardedFor, env().TRUSTED_PROXIES);
}
