import type { RequestStatus } from '@/prisma/generated/enums.ts';
import { AppError } from '@/server/lib/app-error.ts';

/**
 * Who may withdraw a request, and when: the person who asked for it, while nobody has finished deciding
 * it (not the beneficiary: someone else asked on their behalf). cancelAccessRequest enforces it under the
 * request's lock; listMyRequests asks it of every row (`canCancel`), so the page offers no button the
 * server would refuse. The refusal, or null when the actor may cancel.
 */
export function cancelRefusal(
  actor: { identityId: string },
  request: { requesterId: string; status: RequestStatus },
): AppError | null {
  if (request.requesterId !== actor.identityId)
    return new AppError('FORBIDDEN', 'Only the requester can cancel a request');
  if (request.status !== 'PENDING')
    return new AppError('REQUEST_NOT_PENDING', `This request is already ${request.status.toLowerCase()}`);
  return null;
}
