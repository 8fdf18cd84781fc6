import { z } from 'zod';
import { ZSourceConfig } from '@/server/modules/sources/index.ts';

export const ZSourceKind = z.enum(['HR_CSV', 'HR_DATABASE', 'SCIM']);

export const ZRunStats = z.object({
  rows: z.number().optional(),
  fatal: z.number().optional(),
  warnings: z.number().optional(),
  deprovisions: z.number().optional(),
  population: z.number().optional(),
  created: z.number().optional(),
  updated: z.number().optional(),
  unchanged: z.number().optional(),
  pending: z.number().optional(),
  conflicts: z.number().optional(),
  joiners: z.number().optional(),
  movers: z.number().optional(),
  leavers: z.number().optional(),
  rehires: z.number().optional(),
  durationMs: z.number().optional(),
  identitiesPerSecond: z.number().optional(),
  confirmedDeprovisions: z.number().optional(),
  notApplied: z.number().optional(),
  error: z.string().optional(),
  missingColumns: z.array(z.string()).optional(),
  unknownColumns: z.array(z.string()).optional(),
});

export const ZSourceRunSummary = z.object({
  id: z.string(),
  status: z.string(),
  trigger: z.string(),
  fileName: z.string().nullable(),
  stats: ZRunStats,
  heldReason: z.string().nullable(),
  startedAt: z.date(),
  finishedAt: z.date().nullable(),
});

export const ZReportEntry = z.object({
  row: z.number(),
  field: z.string().nullable(),
  code: z.string(),
  message: z.string(),
  fatal: z.boolean(),
});

/** The config as the editor sends it; the use case validates it fully (ZSourceConfig). */
export const ZSourceConfigInput = z.record(z.string(), z.unknown());
export const ZSourceConfigOutput = ZSourceConfig;
