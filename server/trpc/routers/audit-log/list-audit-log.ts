import { listAuditLog as listAuditLogUseCase } from '@/server/modules/audit/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZListAuditLogInput, ZListAuditLogOutput } from './list-audit-log.schema.ts';

/** The audit log, filtered, newest first, a page at a time, every event in words. */
export const listAuditLog = permissionProcedure('audit.read')
  .input(ZListAuditLogInput)
  .output(ZListAuditLogOutput)
  .query(({ ctx, input }) => listAuditLogUseCase(ctx.db, input));
