import { z } from 'zod';
import { EmploymentType, IdentityStatus } from '@/prisma/generated/enums.ts';
import { PROFILE_ATTRIBUTES, type TProfileAttribute } from '@/server/shared/identity-attributes.ts';
import {
  IDENTITY_LIMITS,
  tooLongMessage,
  type TIdentityLimitedField,
} from '@/server/modules/identities/index.ts';

/** A text attribute within its limit: a longer one refuses the record (SCIM 400, HR row error), changing nothing. */
const text = (field: TIdentityLimitedField) =>
  z.string().max(IDENTITY_LIMITS[field], tooLongMessage(IDENTITY_LIMITS[field]));

/**
 * One person as an authoritative source describes them (an HR CSV row, an HR database row, a SCIM
 * User). `undefined` means "this source says nothing about it"; `null` means "no value".
 */
export const ZSourceRecord = z.object({
  externalId: text('externalId').min(1),
  employeeNumber: text('employeeNumber').nullish(),
  username: text('username').nullish(),
  email: text('email').email().nullish(),
  firstName: text('firstName').nullish(),
  lastName: text('lastName').nullish(),
  displayName: text('displayName').nullish(),
  ...(Object.fromEntries(PROFILE_ATTRIBUTES.map((a) => [a, text(a).nullish()])) as Record<
    TProfileAttribute,
    z.ZodOptional<z.ZodNullable<z.ZodString>>
  >),
  employmentType: z.enum(EmploymentType).nullish(),
  /** ACTIVE, PREHIRE, SUSPENDED or TERMINATED; `active: false` (SCIM) means TERMINATED. */
  status: z.enum(IdentityStatus).nullish(),
  active: z.boolean().nullish(),
  startDate: z.coerce.date().nullish(),
  endDate: z.coerce.date().nullish(),
  /** The manager, by the manager's employee number (HR) or by their Gatehouse identity id (SCIM). */
  managerEmployeeNumber: text('managerEmployeeNumber').nullish(),
  managerIdentityId: z.string().uuid().nullish(),
  /**
   * The manager as a source names them when it cannot say in which form (SCIM's manager.value, free
   * text in an IdP's mapping): an identity id, or the manager's externalId, userName or employee number.
   */
  managerReference: text('managerReference').nullish(),
  attributes: z.record(z.string(), z.unknown()).optional(),
  /**
   * The source's own document (a SCIM User as the IdP sent it), kept in SourceRecord.data so the
   * source can be served back exactly; nothing in it is mapped onto the identity.
   */
  raw: z.record(z.string(), z.unknown()).optional(),
});
export type TSourceRecord = z.infer<typeof ZSourceRecord>;

/**
 * The first attribute of a record longer than its limit, as the edges word it, or null. For callers
 * that build records themselves (a sign-in's claims) rather than parse them with ZSourceRecord.
 */
export function overLongField(record: TSourceRecord): string | null {
  for (const [field, max] of Object.entries(IDENTITY_LIMITS)) {
    const value = (record as Record<string, unknown>)[field];
    if (typeof value === 'string' && value.length > max) return `${field}: ${tooLongMessage(max)}`;
  }
  return null;
}

export type TLifecycleEvent = 'JOINER' | 'MOVER' | 'LEAVER' | 'REHIRE';

export type TIngestOutcome = {
  externalId: string;
  identityId: string | null;
  outcome: 'created' | 'updated' | 'unchanged' | 'correlation_pending';
  events: TLifecycleEvent[];
  /** Attributes two equally ranked sources disagree on; queued for the identity team. */
  conflicts?: string[];
  /** The manager's employee number or reference when nobody has it yet (a later record may bring them). */
  unresolvedManager?: string;
  /** Placed although correlation was ambiguous (SCIM); the question waits in the correlation queue. */
  correlationPending?: boolean;
};
