import type { TUserActor } from '@/server/auth/actor.ts';
import { isUniqueViolation } from '@/server/db/errors.ts';
import { inTransaction, REPEATABLE, type TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import type { RiskLevel } from '@/prisma/generated/enums.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import {
  parsePolicyStages,
  ZApprovalPolicyStages,
  type TApprovalPolicyStages,
} from './approval-policy-schema.ts';

export type TPolicyInput = {
  id?: string;
  key: string;
  name: string;
  description: string;
  defaultForRisk: RiskLevel | null;
  stages: TApprovalPolicyStages;
};

/** Policies with their stages, what they are attached to, and the teams and people they name. */
export async function listApprovalPolicies(db: TDb) {
  const [policies, teams] = await Promise.all([
    db.approvalPolicy.findMany({
      orderBy: [{ defaultForRisk: 'asc' }, { name: 'asc' }],
      select: {
        id: true,
        key: true,
        name: true,
        description: true,
        defaultForRisk: true,
        stages: true,
        updatedAt: true,
        _count: { select: { entitlements: true, roles: true } },
      },
    }),
    db.team.findMany({
      orderBy: { name: 'asc' },
      select: { key: true, name: true, _count: { select: { members: true } } },
    }),
  ]);
  const parsed = policies.map(({ stages, _count, ...p }) => ({
    ...p,
    ...parsePolicyStages(stages),
    attached: _count.entitlements + _count.roles,
  }));
  const ids = [
    ...new Set(
      parsed.flatMap((p) =>
        p.stages.flatMap((s) => s.approvers.flatMap((a) => (a.type === 'PEOPLE' ? a.identityIds : []))),
      ),
    ),
  ];
  const people = ids.length
    ? await db.identity.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } })
    : [];
  return {
    policies: parsed,
    teams: teams.map((t) => ({ key: t.key, name: t.name, members: t._count.members })),
    people,
  };
}

/** Creates or updates a policy. Making it a risk default takes that default from any other policy. */
export async function saveApprovalPolicy(db: TDb, actor: TUserActor, input: TPolicyInput) {
  const stages = ZApprovalPolicyStages.parse(input.stages);
  const teamKeys = [
    ...new Set(stages.flatMap((s) => s.approvers.flatMap((a) => (a.type === 'TEAM' ? [a.teamKey] : [])))),
  ];
  const personIds = [
    ...new Set(stages.flatMap((s) => s.approvers.flatMap((a) => (a.type === 'PEOPLE' ? a.identityIds : [])))),
  ];
  const [teams, people] = await Promise.all([
    db.team.count({ where: { key: { in: teamKeys } } }),
    db.identity.count({ where: { id: { in: personIds } } }),
  ]);
  if (teams !== teamKeys.length)
    throw new AppError('INVALID_INPUT', 'stages: a stage names a team that does not exist', {
      field: 'stages',
    });
  if (people !== personIds.length)
    throw new AppError('INVALID_INPUT', 'stages: a stage names a person who does not exist', {
      field: 'stages',
    });
  try {
    return await inTransaction(
      db,
      async (tx) => {
        if (input.defaultForRisk) {
          await tx.approvalPolicy.updateMany({
            where: { defaultForRisk: input.defaultForRisk, ...(input.id ? { id: { not: input.id } } : {}) },
            data: { defaultForRisk: null },
          });
        }
        const data = {
          key: input.key,
          name: input.name,
          description: input.description,
          defaultForRisk: input.defaultForRisk,
          stages,
        };
        let before: unknown = null;
        let id = input.id;
        if (id) {
          before = await tx.approvalPolicy.findUnique({
            where: { id },
            select: { key: true, name: true, description: true, defaultForRisk: true, stages: true },
          });
          if (!before) throw new AppError('NOT_FOUND', 'No such policy');
          await tx.approvalPolicy.update({ where: { id }, data });
        } else {
          id = (await tx.approvalPolicy.create({ data, select: { id: true } })).id;
        }
        await recordAuditEvent(tx, {
          actor,
          action: input.id ? 'policy.updated' : 'policy.created',
          entityType: 'ApprovalPolicy',
          entityId: id,
          before,
          after: data,
        });
        return { id };
      },
      REPEATABLE,
    );
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError('CONFLICT', `A policy with the key “${input.key}” already exists`, { field: 'key' });
    throw error;
  }
}

/** Deleting a policy detaches it: its items fall back to their risk default. Requests already made keep their chain. */
export async function deleteApprovalPolicy(db: TDb, actor: TUserActor, id: string) {
  return inTransaction(
    db,
    async (tx) => {
      const existing = await tx.approvalPolicy.findUnique({
        where: { id },
        select: { key: true, name: true },
      });
      if (!existing) throw new AppError('NOT_FOUND', 'No such policy');
      await tx.approvalPolicy.delete({ where: { id } });
      await recordAuditEvent(tx, {
        actor,
        action: 'policy.deleted',
        entityType: 'ApprovalPolicy',
        entityId: id,
        before: existing,
      });
      return { deleted: true as const };
    },
    REPEATABLE,
  );
}

/** Entitlements and roles with their risk and the policy that decides them (attached or by risk). */
export async function listPolicyTargets(db: TDb) {
  const [entitlements, roles, defaults] = await Promise.all([
    db.entitlement.findMany({
      where: { requestable: true },
      orderBy: { name: 'asc' },
      select: {
        id: true,
        name: true,
        risk: true,
        application: { select: { name: true } },
        approvalPolicy: { select: { id: true, name: true } },
      },
    }),
    db.role.findMany({
      orderBy: { name: 'asc' },
      select: { id: true, name: true, risk: true, approvalPolicy: { select: { id: true, name: true } } },
    }),
    db.approvalPolicy.findMany({
      where: { defaultForRisk: { not: null } },
      select: { name: true, defaultForRisk: true },
    }),
  ]);
  const byRisk = new Map(defaults.map((d) => [d.defaultForRisk, d.name]));
  const view = (
    t: { id: string; name: string; risk: RiskLevel; approvalPolicy: { id: string; name: string } | null },
    kind: 'ENTITLEMENT' | 'ROLE',
    application: string | null,
  ) => ({
    kind,
    id: t.id,
    name: t.name,
    risk: t.risk,
    application,
    policy: t.approvalPolicy,
    effective: t.approvalPolicy?.name ?? byRisk.get(t.risk) ?? 'Manager approval (built in)',
  });
  return [
    ...entitlements.map((e) => view(e, 'ENTITLEMENT', e.application.name)),
    ...roles.map((r) => view(r, 'ROLE', null)),
  ];
}

/** Attaches a policy to entitlements and roles, or (policyId null) detaches them back to their risk default. */
export async function attachApprovalPolicy(
  db: TDb,
  actor: TUserActor,
  input: { policyId: string | null; targets: Array<{ kind: 'ENTITLEMENT' | 'ROLE'; id: string }> },
) {
  if (input.policyId && !(await db.approvalPolicy.count({ where: { id: input.policyId } })))
    throw new AppError('NOT_FOUND', 'No such policy');
  return inTransaction(
    db,
    async (tx) => {
      const ents = input.targets.filter((t) => t.kind === 'ENTITLEMENT').map((t) => t.id);
      const roles = input.targets.filter((t) => t.kind === 'ROLE').map((t) => t.id);
      const a = await tx.entitlement.updateMany({
        where: { id: { in: ents } },
        data: { approvalPolicyId: input.policyId },
      });
      const b = await tx.role.updateMany({
        where: { id: { in: roles } },
        data: { approvalPolicyId: input.policyId },
      });
      await recordAuditEvent(tx, {
        actor,
        action: 'policy.attached',
        entityType: 'ApprovalPolicy',
        entityId: input.policyId ?? 'risk-default',
        after: { targets: input.targets },
      });
      return { updated: a.count + b.count };
    },
    REPEATABLE,
  );
}
