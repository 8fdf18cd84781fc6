import type { TDb } from '@/server/db/client.ts';
import { ZBirthrightCondition, type TBirthrightCondition } from './birthright-condition.ts';

export type TBirthrightRuleView = {
  id: string;
  name: string;
  description: string;
  enabled: boolean;
  condition: TBirthrightCondition;
  grants: Array<{ kind: 'ENTITLEMENT' | 'ROLE'; id: string; name: string; application: string | null }>;
  holders: number;
  updatedAt: Date;
};

/** Every rule, what it grants, and how many people hold access through it now. */
export async function listBirthrightRules(db: TDb): Promise<TBirthrightRuleView[]> {
  const [rules, counts] = await Promise.all([
    db.birthrightRule.findMany({
      orderBy: { name: 'asc' },
      select: {
        id: true,
        name: true,
        description: true,
        enabled: true,
        condition: true,
        updatedAt: true,
        grants: {
          select: {
            entitlement: { select: { id: true, name: true, application: { select: { name: true } } } },
            role: { select: { id: true, name: true } },
          },
        },
      },
    }),
    db.$queryRaw<Array<{ ruleId: string; n: number }>>`
      SELECT "sourceRef" AS "ruleId", count(DISTINCT "identityId")::int AS n FROM "Grant"
       WHERE source = 'BIRTHRIGHT' AND status = 'ACTIVE' GROUP BY "sourceRef"`,
  ]);
  const holders = new Map(counts.map((c) => [c.ruleId, c.n]));
  return rules.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    enabled: r.enabled,
    updatedAt: r.updatedAt,
    condition: ZBirthrightCondition.parse(r.condition),
    holders: holders.get(r.id) ?? 0,
    grants: r.grants.map((g) =>
      g.entitlement
        ? {
            kind: 'ENTITLEMENT' as const,
            id: g.entitlement.id,
            name: g.entitlement.name,
            application: g.entitlement.application.name,
          }
        : { kind: 'ROLE' as const, id: g.role!.id, name: g.role!.name, application: null },
    ),
  }));
}
