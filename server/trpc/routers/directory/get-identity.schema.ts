import { z } from 'zod';
import { PROFILE_ATTRIBUTES, type TProfileAttribute } from '@/server/shared/identity-attributes.ts';
import { ZId, ZPersonRef } from '../shared.schema.ts';
import { ZIdentityStatus } from './list-identities.schema.ts';

const ZText = z.string().nullable();
export const ZPortalRole = z.enum(['IDENTITY_ADMIN', 'AUDITOR', 'SECURITY_OFFICER']);
export const ZSetPortalRolesInput = z.object({ identityId: ZId, roles: z.array(ZPortalRole).max(3) });
export const ZGetIdentityInput = z.object({ identityId: ZId });
export const ZGetIdentityOutput = z.object({
  id: z.string(),
  displayName: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  username: z.string(),
  employeeNumber: ZText,
  ...(Object.fromEntries(PROFILE_ATTRIBUTES.map((a) => [a, ZText])) as Record<
    TProfileAttribute,
    typeof ZText
  >),
  employmentType: z.string(),
  status: ZIdentityStatus,
  startDate: z.date().nullable(),
  endDate: z.date().nullable(),
  terminatedAt: z.date().nullable(),
  origin: z.string(),
  createdAt: z.date(),
  attributes: z.record(z.string(), ZText),
  manager: ZPersonRef.nullable(),
  sourceRecords: z.array(
    z.object({
      externalId: z.string(),
      updatedAt: z.date(),
      data: z.record(z.string(), ZText),
      source: z.object({ id: z.string(), name: z.string(), kind: z.string(), precedence: z.number() }),
    }),
  ),
  accounts: z.array(
    z.object({
      id: z.string(),
      username: z.string(),
      status: z.string(),
      nativeId: ZText,
      application: z.object({ name: z.string() }),
      memberships: z.number(),
    }),
  ),
  attributeConflicts: z.array(z.object({ id: z.string(), attribute: z.string() })),
  portalRoles: z.array(ZPortalRole),
  /**
   * The roles the caller may not switch on this page, and why (portalRoleLocks): the IdP's groups
   * decide them, or this is the caller's own record (nobody gives themselves a role).
   */
  lockedRoles: z.array(z.object({ role: ZPortalRole, reason: z.string() })),
  /** What the caller may do on this page (personViewer): none of it on their own record, and why. */
  viewer: z.object({
    canEdit: z.boolean(),
    canChangeStatus: z.boolean(),
    canEndSessions: z.boolean(),
    canResetPassword: z.boolean(),
    canGrant: z.boolean(),
    canRevoke: z.boolean(),
    reason: z.string().nullable(),
  }),
  grants: z.array(
    z.object({
      id: z.string(),
      source: z.string(),
      name: z.string(),
      application: ZText,
      /** The disabled applications the grant reaches: its revocation waits there until they are enabled. */
      pausedApplications: z.array(z.string()),
      startsAt: z.date(),
      endsAt: z.date().nullable(),
    }),
  ),
  /** Fields an authoritative source owns, by field name (managerId for the manager): read-only by hand. */
  ownedBy: z.record(z.string(), z.string()),
  /** What happened to the person, in words (describeAuditEvent), with what each event changed. */
  history: z.array(
    z.object({
      id: z.string(),
      occurredAt: z.date(),
      action: z.string(),
      actor: z.string(),
      summary: z.string(),
      changes: z.array(z.string()),
    }),
  ),
});
