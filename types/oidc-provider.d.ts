// oidc-provider ships no typings; this covers what the e2e OpenID Provider uses.
declare module 'oidc-provider' {
  import type { Server } from 'node:http';

  type TAccount = {
    accountId: string;
    claims: () => Record<string, unknown> | Promise<Record<string, unknown>>;
  };
  export type TProviderConfiguration = {
    clients?: Array<Record<string, unknown>>;
    findAccount?: (ctx: unknown, id: string) => TAccount | undefined | Promise<TAccount | undefined>;
    claims?: Record<string, string[]>;
    conformIdTokenClaims?: boolean;
    cookies?: { keys?: string[] };
    features?: Record<string, { enabled: boolean }>;
  };

  export default class Provider {
    constructor(issuer: string, configuration?: TProviderConfiguration);
    listen(port: number): Server;
  }
}
