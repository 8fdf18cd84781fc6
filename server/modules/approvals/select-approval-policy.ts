import type { TDb } from '@/server/db/client.ts';
import type { RiskLevel } from '@/prisma/generated/enums.ts';
import { BUILT_IN_STAGES, parsePolicyStages, type TApprovalPolicyStages } from './approval-policy-schema.ts';

export type TSelectedPolicy = {
  policyId: string | null;
  name: string;
  /** ATTACHED to the item, the DEFAULT for its risk, or the BUILT_IN manager approval. */
  source: 'ATTACHED' | 'RISK_DEFAULT' | 'BUILT_IN';
  stages: TApprovalPolicyStages;
};

/** The policy row an item's selection found (load-chain-facts.ts reads it in SQL for a submission). */
export type TPolicyRow = { id: string; name: string; stages: unknown; attached: boolean };

/** The policy that decides an item: the one attached to it, else its risk level's default, else the manager. */
export async function selectApprovalPolicy(
  db: TDb,
  item: { approvalPolicyId: string | null; risk: RiskLevel },
): Promise<TSelectedPolicy> {
  const policy = await db.approvalPolicy.findFirst({
    where: item.approvalPolicyId ? { id: item.approvalPolicyId } : { defaultForRisk: item.risk },
    select: { id: true, name: true, stages: true },
  });
  if (!policy && item.approvalPolicyId)
    return selectApprovalPolicy(db, { approvalPolicyId: null, risk: item.risk });
  return toSelectedPolicy(policy && { ...policy, attached: item.approvalPolicyId !== null });
}

/** What a found policy row (or none) means for the chain. */
export function toSelectedPolicy(policy: TPolicyRow | null): TSelectedPolicy {
  if (!policy)
    return { policyId: null, name: 'Manager approval', source: 'BUILT_IN', stages: BUILT_IN_STAGES };
  const { stages, valid } = parsePolicyStages(policy.stages);
  // A stored policy that no longer parses (edited by hand in the database) must not open a door.
  if (!valid)
    return {
      policyId: policy.id,
      name: `${policy.name} (invalid: manager approval used)`,
      source: 'BUILT_IN',
      stages,
    };
  return {
    policyId: policy.id,
    name: policy.name,
    source: policy.attached ? 'ATTACHED' : 'RISK_DEFAULT',
    stages,
  };
}
