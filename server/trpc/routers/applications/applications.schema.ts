import { z } from 'zod';
import { ACCOUNT_NAME_MAX } from '@/server/modules/provisioning/index.ts';
import { ZApplicationKey } from '@/server/modules/applications/index.ts';
import { ZHeldAccess } from '../provisioning/provisioning.schema.ts';
import { ZId, ZMassChangeConfirmation } from '../shared.schema.ts';

export const ZConnectorType = z.enum(['LDAP', 'SALESFORCE', 'SCIM', 'MANUAL']);
export const ZOnDelete = z.enum(['DELETE', 'DISABLE', 'UPDATE']);
/**
 * Attribute name → text (a template, or the value a deletion sets): named as a directory names an
 * attribute, at most 100 of them, so a hand-made call cannot store (and send a target) thousands.
 */
export const ZTemplates = z
  .record(
    z
      .string()
      .max(200, 'attribute names: at most 200 characters')
      .regex(/^[A-Za-z][A-Za-z0-9_.:-]*$/, 'attribute names: letters, digits, _ . : -'),
    z.string().max(500),
  )
  .refine((m) => Object.keys(m).length <= 100, 'at most 100 attributes');

export const ZApplicationSummary = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  connectorType: ZConnectorType,
  enabled: z.boolean(),
  onDelete: ZOnDelete,
  lastTestedAt: z.date().nullable(),
  lastTestOk: z.boolean().nullable(),
  owner: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  entitlements: z.number(),
  accounts: z.number(),
});

export const ZApplicationDetail = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  connectorType: ZConnectorType,
  config: z.unknown(),
  /** What today's rules refuse in the stored settings (none when the connector can be built). */
  configProblems: z.array(z.object({ field: z.string(), message: z.string() })),
  secretFields: z.array(z.string()),
  onDelete: ZOnDelete,
  onDeleteAttributes: z.unknown(),
  attributeMapping: z.unknown(),
  accountRules: z.unknown(),
  concurrency: z.number(),
  enabled: z.boolean(),
  /** When and by whom it was disabled; null while enabled or when not recorded. */
  disabledAt: z.date().nullable(),
  disabledBy: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  held: ZHeldAccess,
  lastTestedAt: z.date().nullable(),
  lastTestResult: z.unknown(),
  ownerId: z.string().nullable(),
  owner: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  fulfilmentTeamId: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const ZSaveApplicationInput = z.object({
  id: ZId.optional(),
  key: ZApplicationKey,
  name: z.string().trim().min(2, 'name: at least 2 characters').max(100),
  description: z.string().trim().max(2000).default(''),
  connectorType: ZConnectorType,
  config: z.record(z.string(), z.unknown()),
  secrets: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/), z.string().max(20_000)).optional(),
  onDelete: ZOnDelete,
  onDeleteAttributes: ZTemplates.default({}),
  attributeMapping: ZTemplates.default({}),
  accountRules: z
    .object({
      usernameTemplate: z.string().max(200).optional(),
      maxLength: z.number().int().min(1).max(ACCOUNT_NAME_MAX).optional(),
    })
    .default({}),
  concurrency: z.number().int().min(1, 'concurrency: at least 1').max(256, 'concurrency: at most 256'),
  enabled: z.boolean(),
  ownerId: ZId.nullable(),
  fulfilmentTeamId: ZId.nullable(),
  confirmMassChange: ZMassChangeConfirmation.optional(),
});

export const ZConnectorTypeInfo = z.object({
  type: ZConnectorType,
  label: z.string(),
  defaultMapping: z.record(z.string(), z.string()),
  secretFields: z.array(z.string()),
  configExample: z.record(z.string(), z.unknown()),
});
