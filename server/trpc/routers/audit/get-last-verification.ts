import { getLastAuditVerification } from '@/server/modules/audit/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZGetLastVerificationInput, ZGetLastVerificationOutput } from './get-last-verification.schema.ts';

/** The latest verification of the audit chain, for the audit log page's integrity card. */
export const getLastVerification = permissionProcedure('audit.read')
  .input(ZGetLastVerificationInput)
  .output(ZGetLastVerificationOutput)
  .query(({ ctx }) => getLastAuditVerification(ctx.db));
