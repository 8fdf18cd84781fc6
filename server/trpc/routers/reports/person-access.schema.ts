import { z } from 'zod';
import { ZId } from '../shared.schema.ts';
import { ZAccessPageInput, ZPersonHeader, ZWhoHasRow } from './reports.schema.ts';

export const ZPersonAccessInput = ZAccessPageInput.extend({ person: ZId });

export const ZPersonAccessOutput = z.object({
  person: ZPersonHeader,
  application: z.object({ id: z.string(), name: z.string() }).nullable(),
  at: z.date(),
  rows: z.array(ZWhoHasRow),
  nextCursor: z.string().nullable(),
});
