import { z } from 'zod';

/**
 * One person as an authoritative source describes them (an HR CSV row, an HR database row, a SCIM
 * User). `undefined` means "this source says nothing about it"; `null` means "no value".
 */
export const ZSourceRecord = z.object({
  externalId: z.string().min(1),
  employeeNumber: z.string().nullish(),
  username: z.string().nullish(),
  email: z.string().email().nullish(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  displayName: z.string().nullish(),
  department: z.string().nullish(),
  title: z.string().nullish(),
  location: z.string().nullish(),
  costCenter: z.string().nullish(),
  employmentType: z.enum(['EMPLOYEE', 'CONTRACTOR', 'INTERN', 'TEMPORARY']).nullish(),
  /** ACTIVE, PREHIRE, SUSPENDED or TERMINATED; `active: false` (SCIM) means TERMINATED. */
  status: z.enum(['PREHIRE', 'ACTIVE', 'SUSPENDED', 'TERMINATED']).nullish(),
  active: z.boolean().nullish(),
  startDate: z.coerce.date().nullish(),
  endDate: z.coerce.date().nullish(),
  /** The manager, by the manager's employee number (HR) or by their Gatehouse identity id (SCIM). */
  managerEmployeeNumber: z.string().nullish(),
  managerIdentityId: z.string().uuid().nullish(),
  /**
   * The manager as a source names them when it cannot say in which form (SCIM's manager.value, free
   * text in an IdP's mapping): an identity id, or the manager's externalId, userName or employee number.
   */
  managerReference: z.string().nullish(),
  attributes: z.record(z.string(), z.unknown()).optional(),
  /**
   * The source's own document (a SCIM User as the IdP sent it), kept in SourceRecord.data so the
   * source can be served back exactly; nothing in it is mapped onto the identity.
   */
  raw: z.record(z.string(), z.unknown()).optional(),
});
export type TSourceRecord = z.infer<typeof ZSourceRecord>;

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
