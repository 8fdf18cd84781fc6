import { ATTRIBUTE_LIMITS } from '@/server/shared/identity-attributes.ts';

/**
 * The longest value each identity attribute may hold, whichever edge it arrives by (a SCIM User, an
 * HR row, the portal). One place, so every edge refuses the same record with the same message, and
 * nothing longer reaches account naming or a target (a 20,000-character userName once did).
 * The identity attributes' own limits are in server/shared/identity-attributes.ts; these add the
 * record fields that are not attributes.
 */
export const IDENTITY_LIMITS = {
  externalId: 256,
  ...ATTRIBUTE_LIMITS,
  managerEmployeeNumber: ATTRIBUTE_LIMITS.employeeNumber,
  /** A manager named by id, externalId, userName or employee number: as long as the longest of those. */
  managerReference: 256,
} as const;

export type TIdentityLimitedField = keyof typeof IDENTITY_LIMITS;

/** What every edge says of a value over its limit; the edge puts the field's name before it. */
export const tooLongMessage = (max: number) => `at most ${max} characters`;
