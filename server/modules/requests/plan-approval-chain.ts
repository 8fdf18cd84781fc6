import type { TDb } from '@/server/db/client.ts';
import {
  createApprovalChainDraftsFor,
  type TStageDraft,
  matchesAutoApproval,
  ZAutoApprovalCondition,
  selectApprovalPolicy,
  type TSelectedPolicy,
} from '@/server/modules/approvals/index.ts';
import type { TItemProblem, TBeneficiary } from './request-plan-types.ts';
import type { TRequestItem } from './load-request-items.ts';

export type TChainDrafts = {
  policy: TSelectedPolicy;
  stages: TStageDraft[];
  autoRule: { id: string; name: string } | null;
  problem: TItemProblem | null;
};

/**
 * The approval chain of one item for one beneficiary: its policy resolved into people (an extension
 * asks only the first stage), a mitigation stage when SoD needs a control, or an auto-approval rule
 * when one matches and nothing conflicts.
 */
export async function createApprovalChainDrafts(
  db: TDb,
  input: {
    requesterId: string;
    beneficiary: TBeneficiary;
    item: TRequestItem;
    kind: 'GRANT' | 'EXTEND';
    needsMitigation: boolean;
    hasConflicts: boolean;
    rules: Array<{ id: string; name: string; condition: unknown }>;
  },
): Promise<TChainDrafts> {
  const { item, beneficiary } = input;
  const autoRule = input.hasConflicts
    ? null
    : (input.rules.find((r) => {
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
      policy: await selectApprovalPolicy(db, item),
      stages: [],
      problem: null,
      autoRule: { id: autoRule.id, name: autoRule.name },
    };
  const drafts = await createApprovalChainDraftsFor(db, {
    requesterId: input.requesterId,
    beneficiaryId: beneficiary.id,
    item,
    firstStageOnly: input.kind === 'EXTEND',
    needsMitigation: input.needsMitigation,
  });
  return { ...drafts, autoRule: null };
}
