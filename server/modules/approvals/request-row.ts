import type { TActor } from '@/server/auth/actor.ts';
import type { Prisma } from '@/server/db/client.ts';
import type { TAuditEventInput } from '@/server/modules/audit/index.ts';
import type { TRequestFacts } from './approval-notifications.ts';

/** What deciding and advancing a request read about it, re-read under its row lock. */
export const REQUEST_ROW_SELECT = {
  id: true,
  kind: true,
  status: true,
  requesterId: true,
  beneficiaryId: true,
  entitlementId: true,
  roleId: true,
  grantId: true,
  justification: true,
  requestedEndsAt: true,
  approvedEndsAt: true,
  entitlement: { select: { name: true, maxDurationDays: true, applicationId: true } },
  role: { select: { name: true, maxDurationDays: true } },
  beneficiary: { select: { displayName: true } },
} satisfies Prisma.AccessRequestSelect;

export type TRequestRow = Prisma.AccessRequestGetPayload<{ select: typeof REQUEST_ROW_SELECT }>;

/** The application a request's entitlement belongs to (a role spans several: none), for its audit events. */
export const requestApplicationId = (r: Pick<TRequestRow, 'entitlement'>) =>
  r.entitlement?.applicationId ?? null;

/**
 * An audit event about one stage of a request's chain (escalated, handed on, reassigned): the stage is
 * the entity, the beneficiary the subject, and the metadata names the request and the stage first.
 */
export const stageAuditEvent = (
  actor: TActor,
  action: TAuditEventInput['action'],
  stage: { id: string; name: string },
  request: Pick<TRequestRow, 'id' | 'beneficiaryId' | 'entitlement'>,
  metadata: Record<string, unknown>,
): TAuditEventInput => ({
  actor,
  action,
  entityType: 'ApprovalStage',
  entityId: stage.id,
  subjectId: request.beneficiaryId,
  applicationId: requestApplicationId(request),
  metadata: { requestId: request.id, stage: stage.name, ...metadata },
});

export const requestFacts = (r: TRequestRow): TRequestFacts => ({
  id: r.id,
  kind: r.kind,
  requesterId: r.requesterId,
  beneficiaryId: r.beneficiaryId,
  justification: r.justification,
  itemName: r.entitlement?.name ?? r.role?.name ?? 'access',
  beneficiaryName: r.beneficiary.displayName,
});

/** The end date in force for the request: what an approver set, else what was asked. */
export const effectiveEndsAt = (r: Pick<TRequestRow, 'approvedEndsAt' | 'requestedEndsAt'>) =>
  r.approvedEndsAt ?? r.requestedEndsAt;

export async function lockRequest(
  tx: Prisma.TransactionClient,
  requestId: string,
): Promise<TRequestRow | null> {
  await tx.$queryRaw`SELECT id FROM "AccessRequest" WHERE id = ${requestId}::uuid FOR UPDATE`;
  return tx.accessRequest.findUnique({ where: { id: requestId }, select: REQUEST_ROW_SELECT });
}
