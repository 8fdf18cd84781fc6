import type { TUserActor } from '@/server/auth/actor.ts';
import { inTransaction, REPEATABLE, type TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import {
  describeAutoApproval,
  ZAutoApprovalCondition,
  type TAutoApprovalCondition,
} from './auto-approval-condition.ts';

export async function listAutoApprovalRules(db: TDb) {
  const [rules, uses] = await Promise.all([
    db.autoApprovalRule.findMany({
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      select: { id: true, name: true, description: true, condition: true, enabled: true, updatedAt: true },
    }),
    db.accessRequest.groupBy({
      by: ['autoApprovedBy'],
      where: { autoApprovedBy: { not: null } },
      _count: { _all: true },
    }),
  ]);
  const counts = new Map(uses.map((u) => [u.autoApprovedBy, u._count._all]));
  return rules.map((r) => {
    const parsed = ZAutoApprovalCondition.safeParse(r.condition);
    const condition = parsed.success ? parsed.data : ZAutoApprovalCondition.parse({});
    return {
      ...r,
      condition,
      valid: parsed.success,
      summary: parsed.success ? describeAutoApproval(condition) : 'Invalid condition: never applies',
      approved: counts.get(r.id) ?? 0,
    };
  });
}

export async function saveAutoApprovalRule(
  db: TDb,
  actor: TUserActor,
  input: {
    id?: string;
    name: string;
    description: string;
    enabled: boolean;
    condition: TAutoApprovalCondition;
  },
) {
  const condition = ZAutoApprovalCondition.parse(input.condition);
  return inTransaction(
    db,
    async (tx) => {
      const data = { name: input.name, description: input.description, enabled: input.enabled, condition };
      let id = input.id;
      let before: unknown = null;
      if (id) {
        before = await tx.autoApprovalRule.findUnique({
          where: { id },
          select: { name: true, description: true, enabled: true, condition: true },
        });
        if (!before) throw new AppError('NOT_FOUND', 'No such rule');
        await tx.autoApprovalRule.update({ where: { id }, data });
      } else id = (await tx.autoApprovalRule.create({ data, select: { id: true } })).id;
      await recordAuditEvent(tx, {
        actor,
        action: input.id ? 'auto_approval.updated' : 'auto_approval.created',
        entityType: 'AutoApprovalRule',
        entityId: id,
        before,
        after: data,
      });
      return { id };
    },
    REPEATABLE,
  );
}

export async function deleteAutoApprovalRule(db: TDb, actor: TUserActor, id: string) {
  return inTransaction(
    db,
    async (tx) => {
      const existing = await tx.autoApprovalRule.findUnique({ where: { id }, select: { name: true } });
      if (!existing) throw new AppError('NOT_FOUND', 'No such rule');
      await tx.autoApprovalRule.delete({ where: { id } });
      await recordAuditEvent(tx, {
        actor,
        action: 'auto_approval.deleted',
        entityType: 'AutoApprovalRule',
        entityId: id,
        before: existing,
      });
      return { deleted: true as const };
    },
    REPEATABLE,
  );
}
