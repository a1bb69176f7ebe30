import type { OAuthConfig } from 'next-auth/providers/oauth';
import { env } from '@/lib/env';
import { EXCHANGE_PROVIDER_ID } from './identity-provider-id';

export { EXCHANGE_PROVIDER_ID };

type ExchangeProfile = { sub: string; email?: string };

/** The exchange's identity provider when OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set. */
export function identityProviderName(): string | null {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_NAME } = env();
  return OIDC_ISSUER && OIDC_CLIENT_ID && OIDC_CLIENT_SECRET ? OIDC_NAME : null;
}

/** The issuer's host, which the claimant should see in the address bar when signing in there. */
export function identityProviderHost(): string | null {
  const { OIDC_ISSUER } = env();
  return identityProviderName() && OIDC_ISSUER ? new URL(OIDC_ISSUER).host : null;
}

/**
 * next-auth's generic OpenID Connect provider, from the environment: discovery from the issuer,
 * the ID token's claims as the profile, PKCE and state against forged callbacks.
 */
export function exchangeProvider(): OAuthConfig<ExchangeProfile> | null {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_NAME } = env();
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET) return null;
  const issuer = OIDC_ISSUER.replace(/\/+$/, '');
  return {
    id: EXCHANGE_PROVIDER_ID,
    name: OIDC_NAME,
    type: 'oauth',
    issuer,
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    clientId: OIDC_CLIENT_ID,
    clientSecret: OIDC_CLIENT_SECRET,
    authorization: { params: { scope: 'openid email' } },
    idToken: true,
    checks: ['pkce', 'state'],
    // The verified ID token's claims, completed from the userinfo endpoint: a conforming issuer
    // may keep `email` out of the ID token. openid-client refuses userinfo about another subject.
    userinfo: {
      async request({ client, tokens }) {
        // At run time `tokens` is openid-client's TokenSet, its ID token checked on receipt.
        const tokenSet = tokens as unknown as Parameters<typeof client.userinfo>[0] & {
          claims(): Record<string, unknown>;
        };
        return { ...(await client.userinfo(tokenSet)), ...tokenSet.claims() } as ExchangeProfile;
      },
    },
    profile(profile) {
      // Provisional: exchangeSignIn replaces it with the matched claimant login.
      return { id: profile.sub, email: profile.email ?? null, role: 'claimant', accountId: null };
    },
  };
}
