// PLACEHOLDER — replaced at merge by the engine/reactions branch.
import { z } from 'zod';
import { AppError } from '@/server/lib/app-error.ts';
import { permissionProcedure } from '../../init.ts';

export const runNow = permissionProcedure('reconciliation.manage')
  .input(z.object({ applicationId: z.string().uuid(), mode: z.enum(['FULL', 'INCREMENTAL']) }))
  .output(z.object({ runId: z.string() }))
  .mutation((): { runId: string } => {
    throw new AppError(
      'PRECONDITION_FAILED',
      'Not available yet: reconciliation runs arrive with the engine.',
    );
  });
