import { runSodScan } from '@/server/modules/sod/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZScanOutput } from './sod.schema.ts';

/** The detective scan, on demand (it also runs nightly in the worker). */
export const runScan = permissionProcedure('sod.mitigate')
  .output(ZScanOutput)
  .mutation(({ ctx }) => runSodScan(ctx.db, { queue: ctx.queue, actor: ctx.actor }));
