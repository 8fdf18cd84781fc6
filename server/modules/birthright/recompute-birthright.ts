import { PROFILE_MASK } from '@/server/shared/identity-attributes.ts';
import crypto from 'node:crypto';
import type { TActor } from '@/server/auth/actor.ts';
import type { Prisma } from '@/server/db/client.ts';
import { recordAuditEvents } from '@/server/modules/audit/index.ts';
import { blockBirthrightGrantsBySod } from '@/server/modules/sod/index.ts';
import { matchesCondition, ZBirthrightCondition } from './birthright-condition.ts';
import { endGrants, insertGrants } from '@/server/modules/access/index.ts';

type TRuleGrant = {
  ruleId: string;
  ruleName: string;
  entitlementId: string | null;
  roleId: string | null;
  applicationId: string | null;
};

/**
 * Brings BIRTHRIGHT grants in line with the enabled rules for these people: a grant per matching
 * (rule, entitlement or role), revoked when the person stops matching. Leavers match nothing.
 * Returns the people whose grants changed; the caller plans their access (planAccess).
 */
export async function recomputeBirthright(
  tx: Prisma.TransactionClient,
  identityIds: readonly string[],
  actor: TActor,
  deps: { now?: Date } = {},
): Promise<string[]> {
  const now = deps.now ?? new Date();
  // One transaction is one connection: its queries run one after another.
  const rules = await tx.birthrightRule.findMany({
    where: { enabled: true },
    select: {
      id: true,
      name: true,
      condition: true,
      grants: {
        select: { entitlementId: true, roleId: true, entitlement: { select: { applicationId: true } } },
      },
    },
  });
  const identities = await tx.identity.findMany({
    where: { id: { in: [...identityIds] } },
    select: {
      id: true,
      status: true,
      employmentType: true,
      ...PROFILE_MASK,
    },
  });
  const existing = await tx.grant.findMany({
    where: { identityId: { in: [...identityIds] }, source: 'BIRTHRIGHT', status: 'ACTIVE' },
    select: {
      id: true,
      identityId: true,
      sourceRef: true,
      entitlementId: true,
      roleId: true,
      entitlement: { select: { applicationId: true } },
    },
  });
  const parsed = rules.map((r) => ({ ...r, condition: ZBirthrightCondition.parse(r.condition) }));
  const toCreate: Prisma.GrantCreateManyInput[] = [];
  const toRevoke: string[] = [];
  const events: Parameters<typeof recordAuditEvents>[1] = [];
  const changed = new Set<string>();

  const existingByIdentity = new Map<string, typeof existing>();
  for (const g of existing) {
    const list = existingByIdentity.get(g.identityId) ?? [];
    list.push(g);
    existingByIdentity.set(g.identityId, list);
  }
  for (const identity of identities) {
    const wanted: TRuleGrant[] =
      identity.status === 'TERMINATED'
        ? []
        : parsed
            .filter((r) => matchesCondition(identity, r.condition))
            .flatMap((r) =>
              r.grants.map((g) => ({
                ruleId: r.id,
                ruleName: r.name,
                entitlementId: g.entitlementId,
                roleId: g.roleId,
                applicationId: g.entitlement?.applicationId ?? null,
              })),
            );
    const key = (g: {
      sourceRef?: string | null;
      ruleId?: string;
      entitlementId: string | null;
      roleId: string | null;
    }) => `${g.ruleId ?? g.sourceRef}:${g.entitlementId ?? ''}:${g.roleId ?? ''}`;
    const have = existingByIdentity.get(identity.id) ?? [];
    const haveKeys = new Set(have.map(key));
    const wantKeys = new Set(wanted.map(key));
    for (const w of wanted.filter((w) => !haveKeys.has(key(w)))) {
      const id = crypto.randomUUID();
      toCreate.push({
        id,
        identityId: identity.id,
        entitlementId: w.entitlementId,
        roleId: w.roleId,
        source: 'BIRTHRIGHT',
        sourceRef: w.ruleId,
        startsAt: now,
      });
      events.push({
        actor,
        action: 'grant.created',
        entityType: 'Grant',
        entityId: id,
        subjectId: identity.id,
        applicationId: w.applicationId,
        after: { source: 'BIRTHRIGHT', rule: w.ruleName, entitlementId: w.entitlementId, roleId: w.roleId },
      });
      changed.add(identity.id);
    }
    for (const h of have.filter((h) => !wantKeys.has(key(h)))) {
      toRevoke.push(h.id);
      events.push({
        actor,
        action: 'grant.revoked',
        entityType: 'Grant',
        entityId: h.id,
        subjectId: identity.id,
        applicationId: h.entitlement?.applicationId,
        after: { source: 'BIRTHRIGHT', reason: 'no longer matches the rule' },
      });
      changed.add(identity.id);
    }
  }
  // The same SoD check as requests: a blocking rule keeps a conflicting birthright grant from existing.
  const blocked = await blockBirthrightGrantsBySod(tx, toCreate, { now });
  const creating = toCreate.filter((g) => !blocked.has(g.id!));
  await insertGrants(
    tx,
    creating.map((g) => ({
      id: g.id!,
      identityId: g.identityId,
      entitlementId: g.entitlementId ?? null,
      roleId: g.roleId ?? null,
      source: 'BIRTHRIGHT' as const,
      sourceRef: g.sourceRef ?? null,
      startsAt: now,
    })),
    now,
  );
  await endGrants(tx, toRevoke, {
    status: 'REVOKED',
    at: now,
    reason: 'No longer matches the birthright rule',
  });
  await recordAuditEvents(
    tx,
    events.filter((e) => !blocked.has(e.entityId)),
  );
  return [...changed];
}
