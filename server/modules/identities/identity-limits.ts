/**
 * The longest value each identity attribute may hold, whichever edge it arrives by (a SCIM User, an
 * HR row, the portal). One place, so every edge refuses the same record with the same message, and
 * nothing longer reaches account naming or a target (a 20,000-character userName once did).
 * email follows RFC 5321; username leaves room for an email-shaped source name.
 */
export const IDENTITY_LIMITS = {
  externalId: 256,
  employeeNumber: 64,
  username: 128,
  email: 254,
  firstName: 64,
  lastName: 64,
  displayName: 256,
  department: 128,
  title: 128,
  location: 128,
  costCenter: 64,
  managerEmployeeNumber: 64,
  /** A manager named by id, externalId, userName or employee number: as long as the longest of those. */
  managerReference: 256,
} as const;

export type TIdentityLimitedField = keyof typeof IDENTITY_LIMITS;

/** What every edge says of a value over its limit; the edge puts the field's name before it. */
export const tooLongMessage = (max: number) => `at most ${max} characters`;
