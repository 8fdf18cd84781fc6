import { z } from 'zod';

const ZSalesforceId = z
  .string()
  .regex(/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/, 'must be a 15- or 18-character Salesforce Id');

/**
 * How the connector obtains a session. JWT bearer and client credentials are for production
 * (no user password in Gatehouse); username-password exists for developer orgs only, and
 * Salesforce is retiring it for new connected apps.
 */
export const ZSalesforceAuth = z.discriminatedUnion('flow', [
  z.object({
    flow: z.literal('jwtBearer'),
    clientId: z.string().min(1),
    username: z.string().min(1),
    /** https://login.salesforce.com for production, https://test.salesforce.com for sandboxes. */
    audience: z.string().url().default('https://login.salesforce.com'),
  }),
  z.object({ flow: z.literal('clientCredentials'), clientId: z.string().min(1) }),
  z.object({ flow: z.literal('password'), clientId: z.string().min(1), username: z.string().min(1) }),
]);

/** Non-secret Salesforce settings, stored in Application.config. */
export const ZSalesforceConfig = z.object({
  /** Where tokens are requested: the org's My Domain URL (required for client credentials) or login.salesforce.com. */
  loginUrl: z.string().url().default('https://login.salesforce.com'),
  apiVersion: z
    .string()
    .regex(/^\d{2,3}\.0$/, 'like 62.0')
    .default('62.0'),
  auth: ZSalesforceAuth,
  /** Every user needs a profile: new users get it, and revoking a Profile entitlement moves the user back to it. */
  defaultProfileId: ZSalesforceId,
  /** Deactivating frees the licence; freezing only blocks login, keeping the licence and record ownership intact. */
  disableMeans: z.enum(['deactivate', 'freeze']).default('deactivate'),
  /** Which users listAccounts reports; integration, guest and portal users are other kinds. */
  userTypes: z.array(z.string().min(1)).min(1).default(['Standard']),
  /** Loads larger than this go through Bulk API 2.0 instead of sObject Collections. */
  bulkThreshold: z.number().int().min(1).default(2000),
  bulkPollIntervalMs: z.number().int().min(10).default(2000),
  bulkTimeoutMs: z.number().int().min(1000).default(600_000),
  timeoutMs: z.number().int().min(500).max(600_000).default(30_000),
  limits: z
    .object({
      /** Above this share of the org's 24-hour API allocation, calls are spaced out. */
      slowDownAt: z.number().min(0).max(1).default(0.75),
      /** Above this share, calls are refused (retryable) so other integrations keep their headroom. */
      refuseAt: z.number().min(0).max(1).default(0.9),
      maxDelayMs: z.number().int().min(0).default(2000),
      /** The wait after REQUEST_LIMIT_EXCEEDED or a refusal; doubles on each repeat. */
      backoffMs: z.number().int().min(1).default(60_000),
      maxBackoffMs: z
        .number()
        .int()
        .min(1)
        .default(30 * 60_000),
    })
    .prefault({}),
});

/** Only what the chosen flow needs: the JWT signing key, or the consumer secret (and user password). */
export const ZSalesforceSecrets = z.object({
  privateKeyPem: z.string().min(1).optional(),
  clientSecret: z.string().min(1).optional(),
  /** Password with the security token appended, for the username-password flow. */
  password: z.string().min(1).optional(),
});

export type TSalesforceConfig = z.infer<typeof ZSalesforceConfig>;
export type TSalesforceConfigInput = z.input<typeof ZSalesforceConfig>;
export type TSalesforceSecrets = z.infer<typeof ZSalesforceSecrets>;
export type TLimitPolicy = TSalesforceConfig['limits'];
