import { z } from 'zod';
import { ZAuditEntityType } from '@/server/modules/audit/index.ts';
import { ZApplicationRef, ZId, ZPersonRef } from '../shared.schema.ts';

export const ZGetFilterOptionsInput = z.object({
  /** The people the URL filters by, to show their names. */
  personIds: z.array(ZId).max(2).default([]),
  /** The object the URL filters by, to show its name. */
  object: z.object({ type: ZAuditEntityType, id: z.string().max(200) }).optional(),
});

export const ZGetFilterOptionsOutput = z.object({
  groups: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      actions: z.array(z.object({ name: z.string(), label: z.string() })),
    }),
  ),
  applications: z.array(ZApplicationRef),
  people: z.array(ZPersonRef),
  object: z.object({ type: z.string(), id: z.string(), name: z.string().nullable() }).nullable(),
});
