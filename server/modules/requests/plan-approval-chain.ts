import type { TDb } from '@/server/db/client.ts';
import {
  draftApprovalChain,
  loadChainFacts,
  matchesAutoApproval,
  policyOf,
  type TChainFacts,
  type TStageDraft,
  type TSelectedPolicy,
  ZAutoApprovalCondition,
} from '@/server/modules/approvals/index.ts';
import type { TItemProblem, TBeneficiary } from './request-plan-types.ts';
import type { TRequestItem } from '@/server/modules/approvals/index.ts';

export type TChainDrafts = {
  policy: TSelectedPolicy;
  stages: TStageDraft[];
  autoRule: { id: string; name: string } | null;
  problem: TItemProblem | null;
};

export type TChainQuestion = {
  beneficiary: TBeneficiary;
  item: TRequestItem;
  kind: 'GRANT' | 'EXTEND';
  needsMitigation: boolean;
  hasConflicts: boolean;
};

/**
 * The approval chain of one item for one beneficiary: its policy resolved into people (an extension
 * asks only the first stage), a mitigation stage when SoD needs a control, or an auto-approval rule
 * when one matches and nothing conflicts. Pure: the facts were read beforehand.
 */
export function planApprovalChain(facts: TChainFacts, input: TChainQuestion): TChainDrafts {
  const { item, beneficiary } = input;
  const autoRule = input.hasConflicts
    ? null
    : (facts.autoRules.find((r) => {
        const condition = ZAutoApprovalCondition.safeParse(r.condition);
        return (
          condition.success &&
          matchesAutoApproval(condition.data, {
            item: { kind: item.kind, risk: item.risk, ownerDepartment: item.ownerDepartment },
            beneficiary: { department: beneficiary.department, employmentType: beneficiary.employmentType },
          })
        );
      }) ?? null);
  // A rule approves it outright: nobody needs to be found to approve it (and none missing refuses it).
  if (autoRule)
    return {
      policy: policyOf(facts, item),
      stages: [],
      problem: null,
      autoRule: { id: autoRule.id, name: autoRule.name },
    };
  const drafts = draftApprovalChain(facts, {
    item,
    firstStageOnly: input.kind === 'EXTEND',
    needsMitigation: input.needsMitigation,
  });
  return { ...drafts, autoRule: null };
}

/** planApprovalChain for one item, its facts read first (an extension, which has no SoD read to sit beside). */
export async function createApprovalChainDrafts(
  db: TDb,
  input: TChainQuestion & { requesterId: string },
): Promise<TChainDrafts> {
  const facts = await loadChainFacts(db, {
    requesterId: input.requesterId,
    beneficiaryId: input.beneficiary.id,
    items: [input.item],
  });
  return planApprovalChain(facts, input);
}
