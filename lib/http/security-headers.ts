/**
 * The security headers that depend on the request or on where the site is served, built where
 * every request passes (proxy.ts). The fixed ones are in next.config.mjs. Framework-free.
 */

/** A fresh, unguessable nonce for one response: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Scripts run only if they carry this response's nonce (Next.js adds it to its own) or are loaded
 * by one that does ('strict-dynamic'): an injected inline script or handler never runs. Styles
 * keep 'unsafe-inline': React writes `style` attributes, which no nonce can cover, and a style
 * cannot run code. Nothing is loaded from elsewhere, and no one may frame the site.
 */
export function contentSecurityPolicy({ nonce, dev }: { nonce: string; dev: boolean }): string {
  return [
    "default-src 'self'",
    // React needs eval in development only, to rebuild server error stacks in the browser.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const HSTS_MAX_AGE_SECONDS = 2 * 365 * 24 * 60 * 60;

/**
 * Strict-Transport-Security when the site's public address is HTTPS (NEXTAUTH_URL): a browser
 * that has seen it once never again talks to the site in plain HTTP, so no one on the path can
 * strip TLS from a later visit. Nothing over plain HTTP, where it would be meaningless.
 */
export function strictTransportSecurity(publicUrl: string | undefined): string | null {
  return publicUrl?.startsWith('https://') ? `max-age=${HSTS_MAX_AGE_SECONDS}` : null;
}
