import { z } from 'zod';
import { ZLifecycleSettings } from '@/server/modules/lifecycle/index.ts';
import { PROFILE_ATTRIBUTES } from '@/server/shared/identity-attributes.ts';

/** The record fields a column (or a query column) can feed. */
export const SOURCE_FIELDS = [
  'externalId',
  'employeeNumber',
  'username',
  'email',
  'firstName',
  'lastName',
  'displayName',
  ...PROFILE_ATTRIBUTES,
  'employmentType',
  'status',
  'active',
  'startDate',
  'endDate',
  'managerEmployeeNumber',
] as const;
export type TSourceField = (typeof SOURCE_FIELDS)[number];

export const DATE_FORMATS = ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY'] as const;
export type TDateFormat = (typeof DATE_FORMATS)[number];

/**
 * An HR source's settings (IdentitySource.config). Columns map record fields to the file's (or the
 * query's) column names; an unmapped field is read from a column of its own name. The record's
 * externalId is the employee number unless mapped otherwise.
 */
export const ZSourceConfig = ZLifecycleSettings.extend({
  /** HR_CSV: a folder polled for new files (processed files move to <folder>/processed). */
  folder: z.string().trim().max(500).optional(),
  delimiter: z.enum([',', ';', '\t', '|']).default(','),
  dateFormat: z.enum(DATE_FORMATS).default('YYYY-MM-DD'),
  columns: z.partialRecord(z.enum(SOURCE_FIELDS), z.string().trim().min(1).max(200)).default({}),
  required: z.array(z.enum(SOURCE_FIELDS)).default(['employeeNumber', 'firstName', 'lastName']),
  /** HR_DATABASE: the SELECT that lists people. */
  query: z.string().trim().max(20_000).optional(),
  /** Hold a sync that would deprovision more than this share of the people in the repository. */
  massChangeThreshold: z.number().min(0).max(1).default(0.1),
  /** The source lists everyone: a person it stops listing has left. */
  snapshot: z.boolean().default(false),
  batchSize: z.number().int().min(50).max(5_000).default(2_500),
  /** Batches applied side by side (each its own transaction). */
  parallelBatches: z.number().int().min(1).max(4).default(2),
});
export type TSourceConfig = z.infer<typeof ZSourceConfig>;

export function parseSourceConfig(config: unknown): TSourceConfig {
  return ZSourceConfig.parse(config ?? {});
}

export function columnFor(config: Pick<TSourceConfig, 'columns'>, field: TSourceField): string {
  if (field === 'externalId')
    return config.columns.externalId ?? config.columns.employeeNumber ?? 'employeeNumber';
  return config.columns[field] ?? field;
}

/** HR_DATABASE secrets (sealed in IdentitySource.secrets). */
export const ZSourceSecrets = z.object({ connectionString: z.string().min(1).max(2_000).optional() });
export type TSourceSecrets = z.infer<typeof ZSourceSecrets>;
