/** Bounds of a token's fields, shared by the use cases and the tRPC schemas. */
export const API_TOKEN_LIMITS = {
  nameMax: 100,
  /** A token lives at most a year: long-lived secrets are how leaks become breaches. */
  maxDays: 366,
  defaultDays: 30,
} as const;
