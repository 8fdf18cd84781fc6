import type { Prisma } from '@/server/db/client.ts';
import {
  ACME_APPROVER_TEAMS,
  ACME_AUTO_APPROVAL,
  ACME_POLICIES,
  ACME_ROLES,
  ACME_SOD_RULES,
} from './acme-governance.ts';

/**
 * Acme's approval policies, approver teams, roles, SoD rules and auto-approval rule, inside the demo
 * seed's transaction. `people` maps usernames and `groups` group cns to ids.
 */
export async function seedGovernance(
  tx: Prisma.TransactionClient,
  people: ReadonlyMap<string, string>,
  groups: ReadonlyMap<string, string>,
): Promise<void> {
  const id = (map: ReadonlyMap<string, string>, key: string) => {
    const value = map.get(key);
    if (!value) throw new Error(`seed: unknown ${key}`);
    return value;
  };
  for (const team of ACME_APPROVER_TEAMS) {
    await tx.team.upsert({
      where: { key: team.key },
      create: { key: team.key, name: team.name, description: team.description, purpose: team.purpose },
      update: {},
    });
    const { id: teamId } = await tx.team.findUniqueOrThrow({
      where: { key: team.key },
      select: { id: true },
    });
    await tx.teamMember.createMany({
      data: team.members.map((u) => ({ teamId, identityId: id(people, u) })),
      skipDuplicates: true,
    });
  }
  for (const policy of ACME_POLICIES) {
    const created = await tx.approvalPolicy.create({
      data: {
        key: policy.key,
        name: policy.name,
        description: policy.description,
        defaultForRisk: policy.defaultForRisk,
        stages: policy.stages,
      },
      select: { id: true },
    });
    if (policy.attachTo?.length) {
      await tx.entitlement.updateMany({
        where: { id: { in: policy.attachTo.map((cn) => id(groups, cn)) } },
        data: { approvalPolicyId: created.id },
      });
    }
  }
  for (const role of ACME_ROLES) {
    await tx.role.create({
      data: {
        key: role.key,
        name: role.name,
        description: role.description,
        ownerId: id(people, role.owner),
        risk: role.risk,
        maxDurationDays: role.maxDurationDays ?? null,
        entitlements: { create: role.groups.map((cn) => ({ entitlementId: id(groups, cn) })) },
      },
    });
  }
  for (const rule of ACME_SOD_RULES) {
    await tx.sodRule.create({
      data: {
        name: rule.name,
        description: rule.description,
        severity: rule.severity,
        items: {
          create: [
            ...rule.sideA.map((cn) => ({ side: 'A', entitlementId: id(groups, cn) })),
            ...rule.sideB.map((cn) => ({ side: 'B', entitlementId: id(groups, cn) })),
          ],
        },
      },
    });
  }
  for (const rule of ACME_AUTO_APPROVAL) await tx.autoApprovalRule.create({ data: rule });
}
