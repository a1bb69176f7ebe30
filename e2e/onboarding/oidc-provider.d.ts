// The little of oidc-provider's API that the journeys' test issuer uses (it ships no types).
declare module 'oidc-provider' {
  import type { Server } from 'node:http';

  type Claims = Record<string, unknown> & { sub: string };
  type Account = { accountId: string; claims(): Promise<Claims> };

  export default class Provider {
    constructor(
      issuer: string,
      configuration: {
        clients: Record<string, unknown>[];
        claims?: Record<string, string[]>;
        findAccount(context: unknown, id: string): Promise<Account | undefined>;
        cookies?: { keys: string[] };
        features?: Record<string, { enabled: boolean }>;
      },
    );
    listen(port: number, host: string): Server;
  }
}
