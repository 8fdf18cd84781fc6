import { answerManagerAsk as answerManagerAskUseCase } from '@/server/modules/reconciliation/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZAnswerManagerAskInput, ZAnswerManagerAskOutput } from './answer-manager-ask.schema.ts';

/** The manager of a finding's person answers the question put to them (the use case checks they are that manager). */
export const answerManagerAsk = permissionProcedure('reconciliation.review')
  .input(ZAnswerManagerAskInput)
  .output(ZAnswerManagerAskOutput)
  .mutation(({ ctx, input }) => answerManagerAskUseCase(ctx.db, ctx.actor, input, { queue: ctx.queue }));
