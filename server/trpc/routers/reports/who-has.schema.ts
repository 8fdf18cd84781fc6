import { z } from 'zod';
import { ZRisk } from '../shared.schema.ts';
import { ZAccessPageInput, ZPersonHeader, ZWhoHasRow } from './reports.schema.ts';

export const ZWhoHasInput = ZAccessPageInput;

export const ZWhoHasOutput = z.object({
  scope: z.object({
    entitlement: z
      .object({
        id: z.string(),
        name: z.string(),
        risk: ZRisk,
        application: z.object({ id: z.string(), name: z.string() }),
      })
      .nullable(),
    role: z.object({ id: z.string(), name: z.string(), risk: ZRisk }).nullable(),
    application: z.object({ id: z.string(), name: z.string() }).nullable(),
    person: ZPersonHeader.nullable(),
  }),
  /** The moment answered for: now, or the end of the day asked about. */
  at: z.date(),
  rows: z.array(ZWhoHasRow),
  nextCursor: z.string().nullable(),
});
