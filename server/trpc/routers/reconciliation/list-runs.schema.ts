import { z } from 'zod';
import { FindingKind, ReconciliationMode, ReconciliationRunStatus } from '@/prisma/generated/enums.ts';
import { ZId, ZPageCursor } from '../shared.schema.ts';

export const ZListRunsInput = z.object({
  applicationId: ZId.optional(),
  /** The previous page's `nextCursor`, as it came. */
  cursor: ZPageCursor.nullish(),
  limit: z.number().int().min(1).max(100).default(25),
});

export const ZRunView = z.object({
  id: z.string(),
  application: z.object({ id: z.string(), name: z.string() }),
  mode: z.enum(ReconciliationMode),
  trigger: z.string(),
  status: z.enum(ReconciliationRunStatus),
  startedAt: z.date(),
  finishedAt: z.date().nullable(),
  durationMs: z.number().nullable(),
  accountsRead: z.number(),
  membershipsRead: z.number(),
  entitlementsRead: z.number(),
  findingsOpened: z.number(),
  findingsClosed: z.number(),
  findingsByKind: z.array(z.object({ kind: z.enum(FindingKind), count: z.number() })),
  error: z.string().nullable(),
  heldReason: z.string().nullable(),
  requestedBy: z.string().nullable(),
  person: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  confirmedBy: z.string().nullable(),
});

export const ZListRunsOutput = z.object({ rows: z.array(ZRunView), nextCursor: z.string().nullable() });
