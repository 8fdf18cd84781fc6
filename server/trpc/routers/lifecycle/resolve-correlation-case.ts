import { resolveCorrelationCase as resolveCorrelationCaseUseCase } from '@/server/modules/lifecycle/index.ts';
import { permissionProcedure } from '../../init.ts';
import {
  ZResolveCorrelationCaseInput,
  ZResolveCorrelationCaseOutput,
} from './resolve-correlation-case.schema.ts';

export const resolveCorrelationCase = permissionProcedure('admin.sources.manage')
  .input(ZResolveCorrelationCaseInput)
  .output(ZResolveCorrelationCaseOutput)
  .mutation(({ ctx, input }) =>
    resolveCorrelationCaseUseCase(ctx.db, ctx.actor, input, { queue: ctx.queue }),
  );
