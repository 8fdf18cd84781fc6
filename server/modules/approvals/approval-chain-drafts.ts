import { mitigationStageOf, type TStageDraft } from './approval-chain-rows.ts';
import type { TChainFacts, TChainItem } from './load-chain-facts.ts';
import { resolveApprovalChain } from './resolve-approval-chain.ts';
import type { TSelectedPolicy } from './select-approval-policy.ts';

/**
 * An item's policy, resolved into the people of each stage, plus a mitigation stage when needed:
 * pure, from the facts loadChainFacts read for the whole submission.
 */
export function draftApprovalChain(
  facts: TChainFacts,
  input: { item: TChainItem; firstStageOnly: boolean; needsMitigation: boolean },
): {
  policy: TSelectedPolicy;
  stages: TStageDraft[];
  problem: { code: 'NO_APPROVER'; message: string } | null;
} {
  const { item } = input;
  const policy = policyOf(facts, item);
  const specs = input.firstStageOnly ? policy.stages.slice(0, 1) : policy.stages;
  const chain = resolveApprovalChain(specs, {
    requesterId: facts.requesterId,
    beneficiaryId: facts.beneficiaryId,
    people: facts.people,
    itemOwnerIds: item.ownerId ? [item.ownerId] : [],
    applicationOwnerIds: item.applicationOwnerIds,
    teams: facts.teams,
    fallbackAdminIds: facts.fallbackAdminIds,
  });
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
    const mitigation = mitigationStageOf(facts.mitigatorIds, facts);
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

/** The item's policy as loadChainFacts selected it. */
export function policyOf(facts: TChainFacts, item: { id: string }): TSelectedPolicy {
  const policy = facts.policies.get(item.id);
  if (!policy) throw new Error(`draftApprovalChain: no facts were loaded for item ${item.id}`);
  return policy;
}
