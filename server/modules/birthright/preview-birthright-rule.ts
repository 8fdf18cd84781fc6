import type { TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { assessMassChange, type TMassChange } from '@/server/modules/mass-change/index.ts';
import { matchesCondition, ZBirthrightCondition } from './birthright-condition.ts';
import { itemKey, type TBirthrightDraft } from './birthright-draft.ts';
import { loadBirthrightPeople } from './birthright-subjects.ts';

const NAMES_SHOWN = 100;

export type TPreviewItem = {
  kind: 'ENTITLEMENT' | 'ROLE';
  id: string;
  name: string;
  application: string | null;
  count: number;
  people: Array<{ id: string; displayName: string }>;
  /** People who would match (or stop matching) but hold it anyway through another grant. */
  unaffected: number;
};

export type TBirthrightPreview = {
  matchingBefore: number;
  matchingAfter: number;
  population: number;
  gains: TPreviewItem[];
  losses: TPreviewItem[];
  /** Whether the people who would lose something are a mass change (docs/decisions/065). */
  massChange: TMassChange;
};

/**
 * What-if: who would gain and who would lose which access if this draft replaced the rule (or were
 * added), without saving anything. A person who stops matching keeps what they hold another way (a
 * request, another rule): the grant records its sources, so that person is not counted as losing it.
 */
export async function previewBirthrightRule(
  db: TDb,
  input: { ruleId?: string; draft: TBirthrightDraft },
): Promise<TBirthrightPreview> {
  const before = input.ruleId
    ? await db.birthrightRule.findUnique({
        where: { id: input.ruleId },
        select: {
          id: true,
          enabled: true,
          condition: true,
          grants: { select: { entitlementId: true, roleId: true } },
        },
      })
    : null;
  if (input.ruleId && !before) throw new AppError('NOT_FOUND', 'No such birthright rule');
  const oldCondition = before ? ZBirthrightCondition.parse(before.condition) : null;
  const oldItems = new Set(before?.enabled ? before.grants.map(itemKey) : []);
  const newItems = new Set(input.draft.enabled ? input.draft.grants.map(itemKey) : []);
  const people = await loadBirthrightPeople(db);

  const gains = new Map<string, string[]>();
  const losses = new Map<string, string[]>();
  let matchingBefore = 0;
  let matchingAfter = 0;
  for (const p of people) {
    const had = oldCondition !== null && before!.enabled && matchesCondition(p, oldCondition);
    const has = input.draft.enabled && matchesCondition(p, input.draft.condition);
    if (had) matchingBefore++;
    if (has) matchingAfter++;
    const wasGiven = had ? oldItems : new Set<string>();
    const isGiven = has ? newItems : new Set<string>();
    for (const k of isGiven) if (!wasGiven.has(k)) push(gains, k, p.id);
    for (const k of wasGiven) if (!isGiven.has(k)) push(losses, k, p.id);
  }
  const elsewhere = await heldElsewhere(db, input.ruleId ?? null, [...gains, ...losses]);
  const names = new Map(people.map((p) => [p.id, p.displayName]));
  const describe = await describeItems(db, [...new Set([...gains.keys(), ...losses.keys()])]);
  const summarise = (m: Map<string, string[]>): TPreviewItem[] =>
    [...m].map(([key, ids]) => {
      const affected = ids.filter((id) => !elsewhere.has(`${id}|${key}`));
      return {
        ...describe.get(key)!,
        count: affected.length,
        unaffected: ids.length - affected.length,
        people: affected.slice(0, NAMES_SHOWN).map((id) => ({ id, displayName: names.get(id) ?? id })),
      };
    });
  const losing = new Set(
    [...losses].flatMap(([key, ids]) => ids.filter((id) => !elsewhere.has(`${id}|${key}`))),
  );
  return {
    matchingBefore,
    matchingAfter,
    population: people.length,
    gains: summarise(gains),
    losses: summarise(losses),
    massChange: await assessMassChange(db, losing.size),
  };
}

function push(m: Map<string, string[]>, key: string, id: string) {
  const list = m.get(key) ?? [];
  list.push(id);
  m.set(key, list);
}

/** "person|item" for each affected person who holds the item through a grant other than this rule's. */
async function heldElsewhere(
  db: TDb,
  ruleId: string | null,
  affected: Array<[string, string[]]>,
): Promise<Set<string>> {
  const out = new Set<string>();
  for (const [key, ids] of affected) {
    const [kind, id] = key.split(':') as ['e' | 'r', string];
    for (let i = 0; i < ids.length; i += 10_000) {
      const grants = await db.grant.findMany({
        where: {
          identityId: { in: ids.slice(i, i + 10_000) },
          status: 'ACTIVE',
          ...(kind === 'e' ? { entitlementId: id } : { roleId: id }),
          ...(ruleId ? { NOT: { source: 'BIRTHRIGHT', sourceRef: ruleId } } : {}),
        },
        select: { identityId: true },
      });
      for (const g of grants) out.add(`${g.identityId}|${key}`);
    }
  }
  return out;
}

async function describeItems(db: TDb, keys: string[]) {
  const entitlementIds = keys.filter((k) => k.startsWith('e:')).map((k) => k.slice(2));
  const roleIds = keys.filter((k) => k.startsWith('r:')).map((k) => k.slice(2));
  const [entitlements, roles] = await Promise.all([
    db.entitlement.findMany({
      where: { id: { in: entitlementIds } },
      select: { id: true, name: true, application: { select: { name: true } } },
    }),
    db.role.findMany({ where: { id: { in: roleIds } }, select: { id: true, name: true } }),
  ]);
  const out = new Map<string, Omit<TPreviewItem, 'count' | 'people' | 'unaffected'>>();
  for (const e of entitlements)
    out.set(`e:${e.id}`, { kind: 'ENTITLEMENT', id: e.id, name: e.name, application: e.application.name });
  for (const r of roles) out.set(`r:${r.id}`, { kind: 'ROLE', id: r.id, name: r.name, application: null });
  for (const k of keys)
    if (!out.has(k))
      throw new AppError('INVALID_INPUT', 'The rule grants something that does not exist', {
        field: 'grants',
      });
  return out;
}
