import { z } from 'zod';
import { listSodItems } from '@/server/modules/sod/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZRisk } from '../shared.schema.ts';

export const ZSodItem = z.object({
  kind: z.enum(['ENTITLEMENT', 'ROLE']),
  id: z.string(),
  name: z.string(),
  risk: ZRisk,
  application: z.string().nullable(),
});

/** What a rule can name, for the rule editor's pickers. */
export const listItems = permissionProcedure('sod.read')
  .output(z.array(ZSodItem))
  .query(({ ctx }) => listSodItems(ctx.db));
