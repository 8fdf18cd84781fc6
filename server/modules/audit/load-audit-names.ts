import type { TDb } from '@/server/db/client.ts';
import {
  auditNames,
  entityKey,
  type TAuditEntityFacts,
  type TAuditNamedKind,
  type TAuditNames,
} from './audit-names.ts';
import type { TStoredAuditEvent } from './audit-sentence-context.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every id-looking string in a payload, however deep: owners, stand-ins, entitlements, requests… */
function collectIds(value: unknown, out: Set<string>, depth = 0): void {
  if (depth > 6 || value === null || value === undefined) return;
  if (typeof value === 'string') {
    if (UUID.test(value)) out.add(value.toLowerCase());
  } else if (Array.isArray(value)) {
    for (const v of value) collectIds(v, out, depth + 1);
  } else if (typeof value === 'object') {
    for (const v of Object.values(value)) collectIds(v, out, depth + 1);
  }
}

/**
 * The names a page of events needs, in one query per kind of object (by primary key): the people,
 * applications, entitlements, roles and teams their payloads name, the requests and grants they are
 * about (item and person), their operations (kind, account, application), and the rules, sources
 * and tokens they change.
 */
export async function loadAuditNames(db: TDb, events: readonly TStoredAuditEvent[]): Promise<TAuditNames> {
  const ids = new Set<string>();
  const byType = new Map<string, Set<string>>();
  for (const e of events) {
    for (const v of [e.actorId, e.subjectId, e.entityId]) if (v) collectIds(v, ids);
    collectIds(e.before, ids);
    collectIds(e.after, ids);
    collectIds(e.metadata, ids);
    if (UUID.test(e.entityId))
      byType.set(e.entityType, (byType.get(e.entityType) ?? new Set()).add(e.entityId));
  }
  const all = [...ids];
  const of = (type: string) => [...(byType.get(type) ?? [])];
  const entities = new Map<string, TAuditEntityFacts>();
  const put = (kind: TAuditNamedKind, id: string, facts: TAuditEntityFacts) =>
    entities.set(entityKey(kind, id), facts);
  if (all.length === 0) return auditNames();

  const [people, applications, entitlements, roles, teams, requests, grants] = await Promise.all([
    db.identity.findMany({ where: { id: { in: all } }, select: { id: true, displayName: true } }),
    db.application.findMany({ where: { id: { in: all } }, select: { id: true, name: true } }),
    db.entitlement.findMany({
      where: { id: { in: all } },
      select: { id: true, name: true, application: { select: { name: true } } },
    }),
    db.role.findMany({ where: { id: { in: all } }, select: { id: true, name: true } }),
    db.team.findMany({ where: { id: { in: all } }, select: { id: true, name: true } }),
    db.accessRequest.findMany({
      where: { id: { in: all } },
      select: {
        id: true,
        beneficiaryId: true,
        entitlement: { select: { name: true, application: { select: { name: true } } } },
        role: { select: { name: true } },
      },
    }),
    db.grant.findMany({
      where: { id: { in: of('Grant') } },
      select: {
        id: true,
        identityId: true,
        entitlement: { select: { name: true, application: { select: { name: true } } } },
        role: { select: { name: true } },
      },
    }),
  ]);
  for (const a of applications) put('Application', a.id, { name: a.name });
  for (const e of entitlements) put('Entitlement', e.id, { name: e.name, application: e.application.name });
  for (const r of roles) put('Role', r.id, { name: r.name });
  for (const t of teams) put('Team', t.id, { name: t.name });
  for (const r of requests)
    put('AccessRequest', r.id, {
      name: r.entitlement?.name ?? r.role?.name ?? 'access',
      application: r.entitlement?.application.name ?? null,
      personId: r.beneficiaryId,
    });
  for (const g of grants)
    put('Grant', g.id, {
      name: g.entitlement?.name ?? g.role?.name ?? 'access',
      application: g.entitlement?.application.name ?? null,
      personId: g.identityId,
    });
  await loadObjectNames(db, of, put);
  const extraPeople = [...entities.values()]
    .map((f) => f.personId)
    .filter((id): id is string => Boolean(id) && !people.some((p) => p.id === id));
  const more = extraPeople.length
    ? await db.identity.findMany({
        where: { id: { in: extraPeople } },
        select: { id: true, displayName: true },
      })
    : [];
  return auditNames({ people: new Map([...people, ...more].map((p) => [p.id, p.displayName])), entities });
}

type TPut = (kind: TAuditNamedKind, id: string, facts: TAuditEntityFacts) => void;

/** The objects events are about that only their own table names: operations, rules, sources, tokens… */
async function loadObjectNames(db: TDb, of: (type: string) => string[], put: TPut): Promise<void> {
  const when = <T>(ids: string[], load: (ids: string[]) => Promise<T[]>) =>
    ids.length ? load(ids) : Promise.resolve([] as T[]);
  const [
    operations,
    policies,
    sodRules,
    autoRules,
    birthright,
    sources,
    runs,
    delegations,
    mitigations,
    violations,
    tasks,
    tokens,
  ] = await Promise.all([
    when(of('ProvisioningOperation'), (ids) =>
      db.provisioningOperation.findMany({
        where: { id: { in: ids } },
        select: {
          id: true,
          kind: true,
          identityId: true,
          account: { select: { username: true } },
          entitlement: { select: { name: true } },
          application: { select: { name: true } },
        },
      }),
    ),
    when(of('ApprovalPolicy'), (ids) =>
      db.approvalPolicy.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
    ),
    when(of('SodRule'), (ids) =>
      db.sodRule.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
    ),
    when(of('AutoApprovalRule'), (ids) =>
      db.autoApprovalRule.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
    ),
    when(of('BirthrightRule'), (ids) =>
      db.birthrightRule.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
    ),
    when(of('IdentitySource'), (ids) =>
      db.identitySource.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
    ),
    when(of('SourceRun'), (ids) =>
      db.sourceRun.findMany({
        where: { id: { in: ids } },
        select: { id: true, source: { select: { name: true } } },
      }),
    ),
    when(of('Delegation'), (ids) =>
      db.delegation.findMany({
        where: { id: { in: ids } },
        select: { id: true, delegate: { select: { displayName: true } } },
      }),
    ),
    when(of('SodMitigation'), (ids) =>
      db.sodMitigation.findMany({
        where: { id: { in: ids } },
        select: { id: true, identityId: true, rule: { select: { name: true } } },
      }),
    ),
    when(of('SodViolation'), (ids) =>
      db.sodViolation.findMany({
        where: { id: { in: ids } },
        select: { id: true, identityId: true, rule: { select: { name: true } } },
      }),
    ),
    when(of('FulfilmentTask'), (ids) =>
      db.fulfilmentTask.findMany({
        where: { id: { in: ids } },
        select: { id: true, application: { select: { name: true } } },
      }),
    ),
    when(of('ScimToken'), (ids) =>
      db.scimToken.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
    ),
  ]);
  for (const o of operations)
    put('ProvisioningOperation', o.id, {
      name: o.entitlement?.name ?? o.application.name,
      kind: o.kind,
      username: o.account?.username ?? null,
      application: o.application.name,
      personId: o.identityId,
    });
  for (const r of policies) put('ApprovalPolicy', r.id, { name: r.name });
  for (const r of sodRules) put('SodRule', r.id, { name: r.name });
  for (const r of autoRules) put('AutoApprovalRule', r.id, { name: r.name });
  for (const r of birthright) put('BirthrightRule', r.id, { name: r.name });
  for (const s of sources) put('IdentitySource', s.id, { name: s.name });
  for (const r of runs) put('SourceRun', r.id, { name: r.source.name });
  for (const d of delegations) put('Delegation', d.id, { name: d.delegate.displayName });
  for (const m of mitigations) put('SodMitigation', m.id, { name: m.rule.name, personId: m.identityId });
  for (const v of violations) put('SodViolation', v.id, { name: v.rule.name, personId: v.identityId });
  for (const t of tasks)
    put('FulfilmentTask', t.id, { name: t.application.name, application: t.application.name });
  for (const t of tokens) put('ScimToken', t.id, { name: t.name });
}
