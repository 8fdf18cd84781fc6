import crypto from 'node:crypto';
import type { TUserActor } from '@/server/auth/actor.ts';
import { isUniqueViolation } from '@/server/db/errors.ts';
import { inTransaction, type TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { insertRowsSql } from '@/server/db/bulk-insert.ts';
import { withWrites } from '@/server/db/with-writes.ts';
import { auditEventsSql, recordAuditEvent } from '@/server/modules/audit/index.ts';
import {
  getApprovalSettings,
  finalizeApproval,
  requestApplicationId,
  startApprovalChain,
  type TRequestRow,
} from '@/server/modules/approvals/index.ts';
import { toStoredSodCheck } from '@/server/modules/sod/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import type { TItemRef } from '@/server/modules/approvals/index.ts';
import { holdPlannedItems, plannedUntilHeld } from './hold-planned-items.ts';
import { planRequest } from './plan-request.ts';
import { assertAgentMayRequest } from './agent-request-policy.ts';

export type TSubmitInput = {
  items: TItemRef[];
  beneficiaryId?: string;
  justification: string;
  requestedEndsAt?: Date | null;
  /** Client-chosen, one per form: a double submission makes one batch. */
  idempotencyKey?: string;
  /**
   * An AI agent submits through the MCP server with the person's token: the organisation's limit
   * applies (agent-request-policy.ts) and the requests carry the token, shown to approvers and audited.
   */
  viaAgent?: boolean;
};

export type TSubmitResult = {
  batchId: string;
  requests: Array<{ id: string; status: string; itemName: string; autoApprovedBy: string | null }>;
};

/**
 * Submits one or more items (entitlements or roles) in one batch, each with its own approval chain,
 * for oneself, a report (managers) or anyone (identity admins). Nothing is written unless every item
 * can be requested: a blocking segregation-of-duties conflict refuses the submission with its
 * explanation. An item an auto-approval rule covers is granted at once, recording the rule.
 */
export async function submitAccessRequests(
  db: TDb,
  actor: TUserActor,
  input: TSubmitInput,
  deps: { queue: TJobQueue; now?: Date },
): Promise<TSubmitResult> {
  // An item or its policy changed between the plan and the write (holdPlannedItems): planned again.
  return plannedUntilHeld(() => submitAsPlanned(db, actor, input, deps));
}

/** One plan and its write; null when an item changed after it was planned (nothing was written). */
async function submitAsPlanned(
  db: TDb,
  actor: TUserActor,
  input: TSubmitInput,
  deps: { queue: TJobQueue; now?: Date },
): Promise<TSubmitResult | null> {
  const now = deps.now ?? new Date();
  if (input.items.length === 0)
    throw new AppError('INVALID_INPUT', 'Pick at least one item to request', { field: 'items' });
  const seen = new Set(input.items.map((i) => i.id));
  if (seen.size !== input.items.length)
    throw new AppError('INVALID_INPUT', 'The same item is listed twice', { field: 'items' });
  const keyOf = (ref: TItemRef) =>
    input.idempotencyKey ? `${input.idempotencyKey}:${ref.kind}:${ref.id}` : null;
  const replay = async () => {
    if (!input.idempotencyKey) return null;
    const existing = await db.accessRequest.findMany({
      where: { requesterId: actor.identityId, idempotencyKey: { in: input.items.map((r) => keyOf(r)!) } },
      select: {
        id: true,
        batchId: true,
        status: true,
        autoApprovedBy: true,
        entitlement: { select: { name: true } },
        role: { select: { name: true } },
      },
    });
    if (existing.length === 0) return null;
    return {
      batchId: existing[0]!.batchId,
      requests: existing.map((r) => ({
        id: r.id,
        status: r.status,
        itemName: r.entitlement?.name ?? r.role?.name ?? '',
        autoApprovedBy: r.autoApprovedBy,
      })),
    };
  };
  const replayed = await replay();
  if (replayed) return replayed;

  const agentTokenId = input.viaAgent ? agentTokenOf(actor) : null;
  const agentMode = input.viaAgent ? (await getApprovalSettings(db)).agentRequests : null;
  if (agentMode === 'OFF') assertAgentMayRequest(agentMode, []);
  const endsAt = input.requestedEndsAt ?? null;
  const beneficiaryId = input.beneficiaryId ?? actor.identityId;
  // Who it is for is read, and the actor's right to ask for them checked, by the plan: refused, the
  // submission stops before anything is written.
  const plan = await planRequest(db, {
    actor,
    beneficiaryId,
    refs: input.items,
    requestedEndsAt: endsAt,
    now,
  });
  const { beneficiary } = plan;
  if (agentMode)
    assertAgentMayRequest(
      agentMode,
      plan.items.flatMap((p) => (p.item ? [p.item] : [])),
    );
  const refused = plan.items.find((i) => i.problems.length > 0);
  if (refused) {
    // The same form submitted twice at once: the other submission may have just committed.
    const again = await replay();
    if (again) return again;
    const problem = refused.problems[0]!;
    if (problem.code === 'SOD_CONFLICT') {
      await recordAuditEvent(db, {
        actor,
        action: 'request.sod_blocked',
        entityType: 'Identity',
        entityId: beneficiary.id,
        subjectId: beneficiary.id,
        metadata: { item: refused.item?.name ?? null, reason: problem.message },
      });
    }
    throw new AppError(problem.code, problem.message, problem.details);
  }

  const batchId = crypto.randomUUID();
  try {
    return await inTransaction(
      db,
      async (tx) => {
        // The chains below are drawn from the plan's items and approvers: held, and still as planned,
        // or planned again.
        const held = await holdPlannedItems(
          tx,
          actor.identityId,
          plan.items.map((p) => ({
            question: p.question!,
            drawn: { policy: p.policy!, stages: p.stages, autoRule: p.autoRule, problem: null },
          })),
          plan.sodRulesRead,
        );
        if (!held) return null;
        const created: TSubmitResult['requests'] = [];
        const written = new Date();
        for (const p of plan.items) {
          // As re-read by the hold: what decides its chain is as planned, and its name is today's (a
          // rename since the plan shows in the notices and the audit, not the name the plan read).
          const item = held.get(p.item!.id)!;
          // Its columns and relations are what the plan has just read: written, not read back.
          const request: TRequestRow = {
            id: crypto.randomUUID(),
            kind: 'GRANT',
            status: 'PENDING',
            requesterId: actor.identityId,
            beneficiaryId: beneficiary.id,
            entitlementId: item.kind === 'ENTITLEMENT' ? item.id : null,
            roleId: item.kind === 'ROLE' ? item.id : null,
            grantId: null,
            justification: input.justification,
            requestedEndsAt: endsAt,
            approvedEndsAt: null,
            entitlement:
              item.kind === 'ENTITLEMENT'
                ? {
                    name: item.name,
                    maxDurationDays: item.maxDurationDays,
                    applicationId: item.applicationId!,
                  }
                : null,
            role: item.kind === 'ROLE' ? { name: item.name, maxDurationDays: item.maxDurationDays } : null,
            beneficiary: { displayName: beneficiary.displayName },
          };
          // The request and its audit event go out in the chain's first statement (startApprovalChain).
          const writes = [
            ...insertRowsSql('AccessRequest', [
              {
                id: request.id,
                batchId,
                kind: request.kind,
                status: request.status,
                requesterId: request.requesterId,
                beneficiaryId: request.beneficiaryId,
                entitlementId: request.entitlementId,
                roleId: request.roleId,
                justification: request.justification,
                requestedEndsAt: endsAt,
                idempotencyKey: keyOf(p.ref),
                sodEvaluation: toStoredSodCheck({ ...plan.sod, conflicts: p.sod }),
                agentTokenId,
                createdAt: written,
                updatedAt: written,
              },
            ]),
            auditEventsSql([
              {
                actor,
                action: 'request.created',
                entityType: 'AccessRequest',
                entityId: request.id,
                subjectId: beneficiary.id,
                applicationId: requestApplicationId(request),
                after: {
                  item: item.name,
                  kind: item.kind,
                  batchId,
                  justification: input.justification,
                  requestedEndsAt: endsAt,
                  ...(agentTokenId ? { requestedBy: 'AI_AGENT', agentTokenId } : {}),
                  policy: p.policy?.name ?? null,
                  stages: p.stages.map((s) => ({
                    name: s.name,
                    mode: s.mode,
                    required: s.required,
                    approvers: s.approvers.map((a) => a.identityId),
                  })),
                  sod: p.sod.map((c) => ({ rule: c.ruleName, status: c.status })),
                },
              },
            ]),
          ];
          let status: 'PENDING' | 'APPROVED' = 'APPROVED';
          if (p.autoRule) {
            await tx.$executeRaw(withWrites(writes));
            await finalizeApproval(tx, request, actor, { queue: deps.queue, now, autoRule: p.autoRule });
          } else {
            status = await startApprovalChain(tx, request, p.stages, actor, {
              queue: deps.queue,
              now,
              writesBefore: writes,
            });
          }
          created.push({
            id: request.id,
            status,
            itemName: item.name,
            autoApprovedBy: p.autoRule?.id ?? null,
          });
        }
        return { batchId, requests: created };
      },
      { timeout: 30_000, maxWait: 15_000, isRepeatable: true },
    );
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const again = await replay();
    if (again) return again;
    throw new AppError(
      'ALREADY_REQUESTED',
      `A request for ${plan.items.map((i) => i.item!.name).join(', ')} is already waiting for approval`,
    );
  }
}

/** Only a token can carry an agent: the request records which one, so it can be traced and revoked. */
function agentTokenOf(actor: TUserActor): string {
  if (!actor.apiToken) throw new AppError('FORBIDDEN', 'An agent request needs the API token it acts with');
  return actor.apiToken.id;
}
