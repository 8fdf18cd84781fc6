/**
 * The OIDC provider the e2e run signs in through (oidc-provider, started by e2e/oidc-sign-in.spec.ts)
 * and the settings the portal gets for it. The portal only fetches the issuer's discovery document at
 * sign-in time, so it can start before the provider does.
 */
import { OIDC_DEFAULT_PORT } from './portals.ts';

export const OIDC_E2E = {
  port: Number(process.env.E2E_OIDC_PORT ?? OIDC_DEFAULT_PORT),
  clientId: 'gatehouse-e2e',
  clientSecret: 'e2e-oidc-client-secret-not-for-production',
  displayName: 'Acme SSO',
} as const;

export const oidcIssuer = () => `http://127.0.0.1:${OIDC_E2E.port}`;

/** What the launcher passes on to the portal (scripts/start.ts hands its environment to the web app). */
export const oidcPortalEnv = () => ({
  OIDC_ISSUER: oidcIssuer(),
  OIDC_CLIENT_ID: OIDC_E2E.clientId,
  OIDC_CLIENT_SECRET: OIDC_E2E.clientSecret,
  OIDC_DISPLAY_NAME: OIDC_E2E.displayName,
});
