/**
 * The journeys' stand-in for the exchange's identity provider: an OpenID Connect issuer that
 * exchange-sign-in.spec.ts starts on a loopback port beside the app, and the settings the app
 * server is started with to use it (scripts/e2e-server.ts).
 */
export const E2E_IDENTITY_PROVIDER = {
  clientId: 'makewhole-e2e',
  clientSecret: 'e2e-only-oidc-client-secret',
  name: 'Example Exchange',
} as const;

export const identityProviderPort = (appPort: number) => appPort + 1000;

export function e2eIdentityProviderEnv(appPort: number): Record<string, string> {
  return {
    OIDC_ISSUER: `http://127.0.0.1:${identityProviderPort(appPort)}`,
    OIDC_CLIENT_ID: E2E_IDENTITY_PROVIDER.clientId,
    OIDC_CLIENT_SECRET: E2E_IDENTITY_PROVIDER.clientSecret,
    OIDC_NAME: E2E_IDENTITY_PROVIDER.name,
  };
}
