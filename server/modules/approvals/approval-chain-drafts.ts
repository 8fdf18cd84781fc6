import type { TDb } from '@/server/db/client.ts';
import type { RiskLevel } from '@/prisma/generated/enums.ts';
import { resolveMitigationStage, type TStageDraft } from './approval-chain-rows.ts';
import { loadApprovalContext } from './load-approval-context.ts';
import { resolveApprovalChain } from './resolve-approval-chain.ts';
import { selectApprovalPolicy, type TSelectedPolicy } from './select-approval-policy.ts';

export type TChainItem = {
  ownerId: string | null;
  applicationOwnerIds: string[];
  approvalPolicyId: string | null;
  risk: RiskLevel;
};

/** An item's policy, resolved into the people of each stage, plus a mitigation stage when needed. */
export async function createApprovalChainDraftsFor(
  db: TDb,
  input: {
    requesterId: string;
    beneficiaryId: string;
    item: TChainItem;
    firstStageOnly: boolean;
    needsMitigation: boolean;
  },
): Promise<{
  policy: TSelectedPolicy;
  stages: TStageDraft[];
  problem: { code: 'NO_APPROVER'; message: string } | null;
}> {
  const policy = await selectApprovalPolicy(db, input.item);
  const specs = input.firstStageOnly ? policy.stages.slice(0, 1) : policy.stages;
  const context = await loadApprovalContext(
    db,
    {
      requesterId: input.requesterId,
      beneficiaryId: input.beneficiaryId,
      itemOwnerIds: input.item.ownerId ? [input.item.ownerId] : [],
      applicationOwnerIds: input.item.applicationOwnerIds,
    },
    specs,
  );
  const chain = resolveApprovalChain(specs, context);
  if (!chain.ok) {
    return {
      policy,
      stages: [],
      problem: {
        code: 'NO_APPROVER',
        message: `Nobody can approve this request (“${chain.stage}”: ${chain.reason}): ask the identity team`,
      },
    };
  }
  const stages: TStageDraft[] = chain.stages.map((s) => ({ ...s, kind: 'APPROVAL' }));
  if (input.needsMitigation) {
    const mitigation = await resolveMitigationStage(db, {
      requesterId: input.requesterId,
      beneficiaryId: input.beneficiaryId,
    });
    if (!mitigation)
      return {
        policy,
        stages,
        problem: {
          code: 'NO_APPROVER',
          message: 'A mitigating control is needed and nobody may record one: ask the identity team',
        },
      };
    stages.push({ ...mitigation, position: stages.length });
  }
  return { policy, stages, problem: null };
}
