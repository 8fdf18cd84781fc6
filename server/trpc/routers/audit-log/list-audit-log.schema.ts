import { z } from 'zod';
import { ZAuditLogFilters } from '@/server/modules/audit/index.ts';

export const ZListAuditLogInput = z.intersection(
  ZAuditLogFilters,
  z.object({
    cursor: z.string().max(300).optional(),
    limit: z.number().int().min(1).max(200).default(50),
  }),
);

const ZChange = z.object({ field: z.string(), before: z.string().optional(), after: z.string().optional() });

export const ZAuditLogEntry = z.object({
  id: z.string(),
  occurredAt: z.date(),
  action: z.string(),
  label: z.string(),
  group: z.string().nullable(),
  actor: z.object({ id: z.string().nullable(), name: z.string() }),
  subject: z.object({ id: z.string(), name: z.string() }).nullable(),
  object: z.object({ type: z.string(), id: z.string(), name: z.string().nullable() }),
  sentence: z.string(),
  changes: z.array(ZChange),
  /** The stored record, for the details disclosure. */
  raw: z.object({ before: z.unknown(), after: z.unknown(), metadata: z.unknown() }),
});

export const ZListAuditLogOutput = z.object({
  items: z.array(ZAuditLogEntry),
  nextCursor: z.string().nullable(),
});
export type TAuditLogEntryOutput = z.infer<typeof ZAuditLogEntry>;
