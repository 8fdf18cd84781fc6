import { z } from 'zod';

/** Non-secret settings of a SCIM 2.0 target, stored in Application.config. */
export const ZScimConfig = z.object({
  /** The service provider's root, e.g. https://app.example.com/scim/v2 (no trailing /Users). */
  baseUrl: z.url({ protocol: /^https?$/ }),
  auth: z.discriminatedUnion('type', [
    z.object({ type: z.literal('bearer') }),
    z.object({ type: z.literal('basic') }),
    z.object({
      type: z.literal('oauthClientCredentials'),
      tokenUrl: z.url({ protocol: /^https?$/ }),
      clientId: z.string().min(1),
      scope: z.string().optional(),
      /** RFC 6749 §2.3.1: servers must support HTTP Basic; some only read the form body. */
      clientAuth: z.enum(['basic', 'post']).default('basic'),
    }),
  ]),
  /**
   * Where the Gatehouse account username lives on the target; accounts are looked up by it. With
   * `externalId`, the SCIM userName comes from the mapped `userName` attribute (else the username).
   */
  userIdentity: z.enum(['userName', 'externalId']).default('userName'),
  /** Groups are the entitlements (grant = membership PATCH). Off: no grant/revoke/list of groups. */
  groupsAsEntitlements: z.boolean().default(true),
  /** `active`: disable by PATCHing active=false (RFC 7643 §4.1.1); `none`: the target has no such state. */
  disable: z.enum(['active', 'none']).default('active'),
  /** Dialects for servers that read RFC 7644 §3.5.2 narrowly. */
  patchStyle: z
    .object({
      /** `path`: one replace op per attribute path; `valueObject`: one replace op without a path; `put`: PUT the whole resource. */
      updates: z.enum(['path', 'valueObject', 'put']).default('path'),
      /** `pathFilter`: remove path members[value eq "id"]; `value`: remove path members with value [{value:id}]. */
      memberRemoval: z.enum(['pathFilter', 'value']).default('pathFilter'),
    })
    .default({ updates: 'path', memberRemoval: 'pathFilter' }),
  timeoutMs: z.number().int().min(500).max(120_000).default(15_000),
  /** Upper bound for `count` on list requests; the server may return fewer. */
  pageSize: z.number().int().min(1).max(1000).default(100),
});

/** One of these, matching auth.type; the connector says which is missing. */
export const ZScimSecrets = z.union([
  z.object({ token: z.string().min(1) }),
  z.object({ username: z.string().min(1), password: z.string().min(1) }),
  z.object({ clientSecret: z.string().min(1) }),
]);

export type TScimConfig = z.infer<typeof ZScimConfig>;
export type TScimConfigInput = z.input<typeof ZScimConfig>;
export type TScimSecrets = z.infer<typeof ZScimSecrets>;
