import { endPersonSessions } from '@/server/modules/identities/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZEndSessionsInput, ZEndSessionsOutput } from './end-sessions.schema.ts';

/** Signs a person out of every browser (Administration → People → the person). */
export const endSessions = permissionProcedure('identity.sessions.end')
  .input(ZEndSessionsInput)
  .output(ZEndSessionsOutput)
  .mutation(({ ctx, input }) => endPersonSessions(ctx.db, ctx.actor, input));
