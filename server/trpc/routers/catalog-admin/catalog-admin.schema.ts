import { z } from 'zod';
import { EntitlementKind } from '@/prisma/generated/enums.ts';
import { ZId, ZMassChangeConfirmation, ZRisk } from '../shared.schema.ts';

/** The schema's enum itself, so a new kind reaches the form and the API without a second list. */
export const ZEntitlementKind = z.enum(EntitlementKind);
/** Which of an application's entitlements the admin list shows: all, those awaiting review, those gone from the target. */
export const ZEntitlementListFilter = z.enum(['all', 'unreviewed', 'vanished']);
export const ZAdminEntitlement = z.object({
  id: z.string(),
  externalId: z.string(),
  name: z.string(),
  description: z.string(),
  kind: ZEntitlementKind,
  risk: ZRisk,
  requestable: z.boolean(),
  singleValued: z.boolean(),
  maxDurationDays: z.number().nullable(),
  owner: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  holders: z.number(),
  review: z.enum(['UNREVIEWED', 'REVIEWED']),
  lastSeenAt: z.date().nullable(),
  vanishedAt: z.date().nullable(),
});
export const ZSaveEntitlementInput = z.object({
  id: ZId.optional(),
  applicationId: ZId,
  externalId: z.string().trim().min(1, 'target ID: required').max(1000),
  name: z.string().trim().min(2, 'name: at least 2 characters').max(200),
  description: z.string().trim().max(2000).default(''),
  kind: ZEntitlementKind.default('GROUP'),
  ownerId: ZId.nullable(),
  risk: ZRisk,
  requestable: z.boolean(),
  singleValued: z.boolean().default(false),
  maxDurationDays: z.number().int().min(1, 'maximum duration: at least 1 day').max(3650).nullable(),
});
export const ZAdminRole = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  risk: ZRisk,
  requestable: z.boolean(),
  maxDurationDays: z.number().nullable(),
  owner: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  holders: z.number(),
  entitlements: z.array(
    z.object({ id: z.string(), name: z.string(), application: z.object({ name: z.string() }) }),
  ),
});
export const ZSaveRoleInput = z.object({
  id: ZId.optional(),
  key: z
    .string()
    .trim()
    .min(2)
    .max(60)
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'key: lower-case letters, digits and dashes'),
  name: z.string().trim().min(2).max(200),
  description: z.string().trim().max(2000).default(''),
  ownerId: ZId.nullable(),
  risk: ZRisk,
  requestable: z.boolean(),
  maxDurationDays: z.number().int().min(1).max(3650).nullable(),
  entitlementIds: z.array(ZId).min(1, 'a role bundles at least one entitlement').max(200),
  confirmMassChange: ZMassChangeConfirmation.optional(),
});
