import { z } from 'zod';
import {
  AUDIT_ACTION_NAMES,
  AUDIT_GROUPS,
  type TAuditEntityType,
  type TAuditGroup,
} from './audit-actions.ts';

const ENTITY_TYPES = [
  'AccessRequest',
  'ApiToken',
  'Application',
  'ApprovalPolicy',
  'ApprovalStage',
  'ApprovalStep',
  'AttributeConflict',
  'AutoApprovalRule',
  'BirthrightRule',
  'CorrelationCase',
  'Delegation',
  'Entitlement',
  'FulfilmentTask',
  'Grant',
  'Identity',
  'IdentitySource',
  'Procedure',
  'ProvisioningOperation',
  'ReconciliationFinding',
  'ReconciliationRun',
  'Report',
  'ReviewCampaign',
  'ReviewItem',
  'Role',
  'ScimGroup',
  'ScimToken',
  'SodMitigation',
  'SodRule',
  'SodViolation',
  'SourceRun',
  'SystemSetting',
  'Team',
] as const satisfies readonly TAuditEntityType[];

/** A kind of object audit events are about. */
export const ZAuditEntityType = z.enum(ENTITY_TYPES, {
  error: 'entityType: not a kind of object the audit log knows',
});

/** A query-string value: an empty one (`?actor=`) is no filter. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

const ISO_DAY = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD')
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    'not a day of the calendar',
  );

const actionNames = new Set<string>([...AUDIT_ACTION_NAMES, ...Object.keys(AUDIT_GROUPS)]);

/**
 * The audit log's filters, as the page's query string and the CSV export's carry them (strings; an
 * empty one is no filter). One schema for both, so the file holds what the page shows.
 * Dates are days in UTC, both ends included.
 */
export const ZAuditLogFilters = z
  .object({
    /** Who acted (a person). */
    actor: optional(z.string().uuid('actor: must be a person’s id')),
    /** Whom the event is about (a person). */
    subject: optional(z.string().uuid('subject: must be a person’s id')),
    /** One action (`request.created`) or a group of them (`requests`). */
    action: optional(
      z
        .string()
        .max(80)
        .refine((a) => actionNames.has(a), 'action: not an action or group the audit log knows'),
    ),
    /** Events about an application: see docs/decisions/052. */
    application: optional(z.string().uuid('application: must be an application’s id')),
    /** One object: its kind and id, together. */
    entityType: optional(ZAuditEntityType),
    entityId: optional(z.string().trim().min(1).max(200, 'entityId: at most 200 characters')),
    from: optional(ISO_DAY),
    to: optional(ISO_DAY),
    /** Words of an action's label, or the start of an object's id (a request's R-1a2b3c4d too). */
    q: optional(z.string().trim().max(100, 'q: at most 100 characters')),
  })
  .superRefine((f, ctx) => {
    if (f.from && f.to && f.from > f.to)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'to: the last day comes before the first' });
    if (Boolean(f.entityType) !== Boolean(f.entityId))
      ctx.addIssue({
        code: 'custom',
        path: ['entityId'],
        message: 'entityType and entityId: an object is named by both',
      });
  });

export type TAuditLogFilters = z.infer<typeof ZAuditLogFilters>;

export const isAuditGroup = (name: string): name is TAuditGroup => Object.hasOwn(AUDIT_GROUPS, name);
