/** How the reports name a grant's source (the server's enum, in words). */
export const SOURCE_LABEL = {
  REQUEST: 'Request',
  BIRTHRIGHT: 'Birthright',
  ADMIN: 'Identity team',
  RECONCILIATION: 'Reconciliation',
  SEED: 'Demo seed',
} as const;

export type TSource = keyof typeof SOURCE_LABEL;
export const SOURCES = Object.keys(SOURCE_LABEL) as TSource[];

export const STATUS_LABEL = {
  PREHIRE: 'Pre-hire',
  ACTIVE: 'Active',
  SUSPENDED: 'Suspended',
  TERMINATED: 'Left',
} as const;

/** Today as a calendar day (UTC), the latest an as-of date may be. */
export const today = () => new Date().toISOString().slice(0, 10);

/** The source filter as the URL has it: checked by the server, which answers a clear error for anything else. */
export const sourceParam = (v: string | undefined) => v as TSource | undefined;
