import type { Server } from 'node:http';
import Provider from 'oidc-provider';
import { E2E_IDENTITY_PROVIDER, identityProviderPort } from './identity-provider-env';

/**
 * People the test issuer knows, by the login typed on its (development) sign-in page. The login
 * is also the subject. Claims are what the exchange would assert about each.
 */
export const IDENTITIES: Record<string, { email?: string; email_verified?: boolean }> = {
  // The exchange's account id is the snapshot's account id: matched by subject.
  'acct-0000060': {},
  // Matched by a verified address.
  'exchange-61': { email: 'user0000061@example.test', email_verified: true },
  // An address the issuer has not verified: not trusted.
  'exchange-62': { email: 'user0000062@example.test', email_verified: false },
  // Nobody in the snapshot.
  stranger: { email: 'stranger@example.test', email_verified: true },
};

export async function startIdentityProvider(appPort: number): Promise<{ close(): Promise<void> }> {
  const port = identityProviderPort(appPort);
  const provider = new Provider(`http://127.0.0.1:${port}`, {
    clients: [
      {
        client_id: E2E_IDENTITY_PROVIDER.clientId,
        client_secret: E2E_IDENTITY_PROVIDER.clientSecret,
        redirect_uris: [`http://127.0.0.1:${appPort}/api/auth/callback/exchange`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    async findAccount(_ctx, id) {
      return { accountId: id, claims: async () => ({ sub: id, ...IDENTITIES[id] }) };
    },
    cookies: { keys: ['e2e-only-identity-provider-cookie-key'] },
    features: { devInteractions: { enabled: true } },
  });
  const server: Server = provider.listen(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  return {
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
