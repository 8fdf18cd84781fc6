import { getGrantEvidence } from '@/server/modules/reports/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZGrantEvidenceInput, ZGrantEvidenceOutput } from './grant-evidence.schema.ts';

/** One grant's whole chain of evidence: source, approvals, SoD, role contents, target state, operations. */
export const grantEvidence = permissionProcedure('reports.read')
  .input(ZGrantEvidenceInput)
  .output(ZGrantEvidenceOutput)
  .query(({ ctx, input }) => getGrantEvidence(ctx.db, input.id, { now: new Date() }));
