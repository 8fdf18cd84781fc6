import type { TUserActor } from '@/server/auth/actor.ts';
import { inTransaction, REPEATABLE, type TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { selfDecisionError } from '@/server/lib/self-decision.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';

type TDetails = {
  severity?: string;
  status?: string;
  explanation?: string;
  grantIds?: string[];
  prevented?: string;
  what?: string;
};

/** Open violations (with the grants behind each) and the recently prevented ones. */
export async function listSodViolations(db: TDb, deps: { now?: Date } = {}) {
  const now = deps.now ?? new Date();
  const select = {
    id: true,
    details: true,
    detectedAt: true,
    resolvedAt: true,
    rule: { select: { id: true, name: true, severity: true } },
    identity: { select: { id: true, displayName: true, department: true, title: true } },
  } as const;
  const [open, prevented, mitigations] = await Promise.all([
    db.sodViolation.findMany({
      where: { resolvedAt: null },
      orderBy: { detectedAt: 'desc' },
      take: 500,
      select,
    }),
    db.sodViolation.findMany({
      where: {
        resolvedAt: { not: null },
        OR: [
          { details: { path: ['prevented'], equals: 'BIRTHRIGHT' } },
          { details: { path: ['prevented'], equals: 'PROVISIONING' } },
        ],
      },
      orderBy: { detectedAt: 'desc' },
      take: 50,
      select,
    }),
    db.sodMitigation.findMany({
      where: { revokedAt: null, expiresAt: { gt: now } },
      orderBy: { expiresAt: 'asc' },
      select: { id: true, ruleId: true, identityId: true, control: true, expiresAt: true, createdAt: true },
    }),
  ]);
  const grantIds = [...new Set(open.flatMap((v) => (v.details as TDetails).grantIds ?? []))];
  const grants = await db.grant.findMany({
    where: { id: { in: grantIds } },
    select: {
      id: true,
      source: true,
      startsAt: true,
      endsAt: true,
      entitlement: { select: { name: true } },
      role: { select: { name: true } },
      grantedBy: { select: { displayName: true } },
    },
  });
  const view = (v: (typeof open)[number]) => {
    const d = v.details as TDetails;
    return {
      id: v.id,
      rule: v.rule,
      identity: v.identity,
      detectedAt: v.detectedAt,
      resolvedAt: v.resolvedAt,
      status: d.status ?? 'NEEDS_MITIGATION',
      explanation: d.explanation ?? '',
      prevented: d.prevented ?? null,
      grants: grants
        .filter((g) => (d.grantIds ?? []).includes(g.id))
        .map((g) => ({
          id: g.id,
          item: g.entitlement?.name ?? g.role?.name ?? '',
          source: g.source,
          since: g.startsAt,
          endsAt: g.endsAt,
          grantedBy: g.grantedBy?.displayName ?? null,
        })),
      mitigation: mitigations.find((m) => m.ruleId === v.rule.id && m.identityId === v.identity.id) ?? null,
    };
  };
  return { open: open.map(view), prevented: prevented.map(view) };
}

/**
 * A holder of sod.mitigate records the control that allows a person to hold both sides of a
 * MITIGATABLE rule until a date. When it expires the scan raises the violation again.
 */
export async function recordMitigation(
  db: TDb,
  actor: TUserActor,
  input: { ruleId: string; identityId: string; control: string; expiresAt: Date },
  deps: { now?: Date } = {},
) {
  const now = deps.now ?? new Date();
  if (input.expiresAt <= now)
    throw new AppError('INVALID_INPUT', 'The control must expire in the future', { field: 'expiresAt' });
  const rule = await db.sodRule.findUnique({
    where: { id: input.ruleId },
    select: { name: true, severity: true },
  });
  if (!rule) throw new AppError('NOT_FOUND', 'No such rule');
  if (rule.severity === 'BLOCK')
    throw new AppError(
      'CONFLICT',
      `“${rule.name}” blocks: no control can allow it. Remove one side's access instead.`,
    );
  if (input.identityId === actor.identityId)
    throw selfDecisionError('mitigate a conflict of your own', 'another security officer');
  return inTransaction(
    db,
    async (tx) => {
      const m = await tx.sodMitigation.create({
        data: {
          ruleId: input.ruleId,
          identityId: input.identityId,
          control: input.control,
          expiresAt: input.expiresAt,
          createdById: actor.identityId,
        },
        select: { id: true },
      });
      await tx.sodViolation.updateMany({
        where: { ruleId: input.ruleId, identityId: input.identityId, resolvedAt: null },
        data: { mitigationId: m.id },
      });
      await recordAuditEvent(tx, {
        actor,
        action: 'sod.mitigated',
        entityType: 'SodMitigation',
        entityId: m.id,
        subjectId: input.identityId,
        after: { rule: rule.name, control: input.control, expiresAt: input.expiresAt },
      });
      return { id: m.id };
    },
    REPEATABLE,
  );
}

export async function revokeMitigation(db: TDb, actor: TUserActor, id: string, deps: { now?: Date } = {}) {
  const now = deps.now ?? new Date();
  return inTransaction(
    db,
    async (tx) => {
      const updated = await tx.sodMitigation.updateMany({
        where: { id, revokedAt: null },
        data: { revokedAt: now },
      });
      if (updated.count === 0) throw new AppError('NOT_FOUND', 'No such mitigating control in force');
      await recordAuditEvent(tx, {
        actor,
        action: 'sod.mitigation_revoked',
        entityType: 'SodMitigation',
        entityId: id,
      });
      return { revoked: true as const };
    },
    REPEATABLE,
  );
}
