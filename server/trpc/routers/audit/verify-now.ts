import { runAuditVerification } from '@/server/modules/audit/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZVerifyNowInput, ZVerifyNowOutput } from './verify-now.schema.ts';

/**
 * Verifies the chain now and records it. audit.read, not an admin permission: it changes nothing but
 * the record of verifications, and an auditor must not need an admin to check the log. One runs at
 * a time (CONFLICT otherwise), which bounds what repeated clicks cost (docs/decisions/051).
 */
export const verifyNow = permissionProcedure('audit.read')
  .input(ZVerifyNowInput)
  .output(ZVerifyNowOutput)
  .mutation(({ ctx }) => runAuditVerification(ctx.db, { trigger: 'MANUAL', actorId: ctx.actor.identityId }));
