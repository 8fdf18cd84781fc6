import { previewAccessRequest } from '@/server/modules/requests/index.ts';
import { permissionProcedure } from '../../init.ts';
import { ZPreviewRequestInput, ZPreviewRequestOutput } from './preview-request.schema.ts';

/** "What will happen": approvers per stage, auto-approval, SoD and why, role suggestions. Writes nothing. */
export const previewRequest = permissionProcedure('request.create')
  .input(ZPreviewRequestInput)
  .output(ZPreviewRequestOutput)
  .query(({ ctx, input }) => previewAccessRequest(ctx.db, ctx.actor, input));
