import type { TDb } from '@/server/db/client.ts';
import { fromStoredSodCheck } from '@/server/modules/sod/index.ts';

/**
 * The requests behind a grant, as evidence: who asked, for whom, why, each stage of the approval
 * chain with every approver's decision and comment (or the auto-approval rule that decided it), the
 * SoD evaluation stored with the request and the mitigating controls in force when it was decided.
 */
export async function loadRequestEvidence(db: TDb, requestIds: string[]) {
  if (requestIds.length === 0) return [];
  const requests = await db.accessRequest.findMany({
    where: { id: { in: requestIds } },
    orderBy: { createdAt: 'asc' },
    select: {
      id: true,
      kind: true,
      status: true,
      justification: true,
      requestedEndsAt: true,
      approvedEndsAt: true,
      createdAt: true,
      decidedAt: true,
      autoApprovedBy: true,
      agentTokenId: true,
      sodEvaluation: true,
      requester: { select: { id: true, displayName: true } },
      beneficiary: { select: { id: true, displayName: true } },
      stages: {
        orderBy: { position: 'asc' },
        select: {
          position: true,
          name: true,
          kind: true,
          mode: true,
          quorum: true,
          status: true,
          decidedAt: true,
          steps: {
            orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
            select: {
              id: true,
              reason: true,
              status: true,
              comment: true,
              decidedAt: true,
              escalatedFromId: true,
              approver: { select: { id: true, displayName: true } },
              decidedBy: { select: { id: true, displayName: true } },
            },
          },
        },
      },
    },
  });
  const ruleIds = requests.flatMap((r) => (r.autoApprovedBy ? [r.autoApprovedBy] : []));
  const autoRules = ruleIds.length
    ? await db.autoApprovalRule.findMany({ where: { id: { in: ruleIds } }, select: { id: true, name: true } })
    : [];
  return Promise.all(
    requests.map(async ({ sodEvaluation, autoApprovedBy, agentTokenId, ...r }) => {
      const sod = fromStoredSodCheck(sodEvaluation);
      const decidedAt = r.decidedAt ?? r.createdAt;
      const conflictRules = [...new Set(sod?.conflicts.map((c) => c.ruleId) ?? [])];
      const mitigations = conflictRules.length
        ? await db.sodMitigation.findMany({
            where: {
              identityId: r.beneficiary.id,
              ruleId: { in: conflictRules },
              createdAt: { lte: decidedAt },
              expiresAt: { gt: decidedAt },
              OR: [{ revokedAt: null }, { revokedAt: { gt: decidedAt } }],
            },
            select: {
              id: true,
              control: true,
              expiresAt: true,
              createdAt: true,
              revokedAt: true,
              rule: { select: { name: true } },
            },
          })
        : [];
      return {
        ...r,
        /** The API token an AI agent submitted it with (docs/decisions/071), or null. */
        agentTokenId,
        autoApprovedBy: autoApprovedBy
          ? {
              id: autoApprovedBy,
              name:
                autoRules.find((a) => a.id === autoApprovedBy)?.name ?? 'an auto-approval rule since deleted',
            }
          : null,
        sod: sod
          ? {
              checkedAt: Number.isNaN(sod.checkedAt.getTime()) ? null : sod.checkedAt,
              isBlocked: sod.isBlocked,
              needsMitigation: sod.needsMitigation,
              conflicts: sod.conflicts.map((c) => ({
                ruleName: c.ruleName,
                severity: c.severity,
                status: c.status,
                explanation: c.explanation,
                mitigation: c.mitigation,
              })),
            }
          : null,
        mitigationsInForce: mitigations.map((m) => ({
          id: m.id,
          ruleName: m.rule.name,
          control: m.control,
          createdAt: m.createdAt,
          expiresAt: m.expiresAt,
          revokedAt: m.revokedAt,
        })),
      };
    }),
  );
}

export type TRequestEvidence = Awaited<ReturnType<typeof loadRequestEvidence>>[number];
