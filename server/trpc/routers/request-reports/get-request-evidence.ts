import { getRequestEvidence as getRequestEvidenceUseCase } from '@/server/modules/reports/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZGetRequestEvidenceInput, ZRequestEvidence } from './get-request-evidence.schema.ts';

export const getRequestEvidence = permissionProcedure('reports.read')
  .input(ZGetRequestEvidenceInput)
  .output(ZRequestEvidence)
  .query(({ ctx, input }) => getRequestEvidenceUseCase(ctx.db, input));
