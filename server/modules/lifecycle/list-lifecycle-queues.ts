import { IDENTITY_ROW_SELECT } from './identity-store.ts';
import type { TDb } from '@/server/db/client.ts';
import type { TConflictValues } from './attribute-conflicts-store.ts';
import type { TCaseRecord } from './correlation-cases-store.ts';
import { recordFields } from './record-fields.ts';

const PERSON = {
  id: true,
  displayName: true,
  email: true,
  employeeNumber: true,
  department: true,
  title: true,
  status: true,
} as const;

/** Records waiting for a person to say who they are, with the candidates side by side. */
export async function listCorrelationCases(db: TDb, input: { status: 'OPEN' | 'DECIDED'; limit: number }) {
  const cases = await db.correlationCase.findMany({
    where: input.status === 'OPEN' ? { status: 'OPEN' } : { status: { not: 'OPEN' } },
    orderBy: { createdAt: input.status === 'OPEN' ? 'asc' : 'desc' },
    take: input.limit,
    select: {
      id: true,
      externalId: true,
      record: true,
      candidateIds: true,
      status: true,
      createdAt: true,
      resolvedAt: true,
      resolvedIdentityId: true,
      source: { select: { id: true, name: true } },
    },
  });
  const ids = [
    ...new Set(
      cases.flatMap((c) => [...c.candidateIds, ...(c.resolvedIdentityId ? [c.resolvedIdentityId] : [])]),
    ),
  ];
  const people = new Map(
    (await db.identity.findMany({ where: { id: { in: ids } }, select: PERSON })).map((p) => [p.id, p]),
  );
  return cases.map((c) => {
    const record = c.record as TCaseRecord;
    return {
      id: c.id,
      externalId: c.externalId,
      source: c.source,
      reason: record.reason ?? '',
      data: Object.fromEntries(recordFields(record.data ?? {}).map((f) => [f.label, f.value])),
      candidates: c.candidateIds.flatMap((id) => (people.get(id) ? [people.get(id)!] : [])),
      status: c.status,
      createdAt: c.createdAt,
      resolvedAt: c.resolvedAt,
      resolvedIdentity: c.resolvedIdentityId ? (people.get(c.resolvedIdentityId) ?? null) : null,
    };
  });
}

/** Attributes two equally ranked sources disagree on, with the person's current value. */
export async function listAttributeConflicts(db: TDb, input: { status: 'OPEN' | 'DECIDED'; limit: number }) {
  const rows = await db.attributeConflict.findMany({
    where: input.status === 'OPEN' ? { status: 'OPEN' } : { status: { in: ['RESOLVED', 'SUPERSEDED'] } },
    orderBy: { createdAt: input.status === 'OPEN' ? 'asc' : 'desc' },
    take: input.limit,
    select: {
      id: true,
      attribute: true,
      values: true,
      status: true,
      createdAt: true,
      resolvedAt: true,
      identity: { select: IDENTITY_ROW_SELECT },
    },
  });
  return rows.map((r) => {
    const v = r.values as TConflictValues;
    const column = r.attribute === 'manager' ? 'managerId' : r.attribute;
    const current =
      column in r.identity
        ? (r.identity as Record<string, unknown>)[column]
        : ((r.identity.attributes ?? {}) as Record<string, unknown>)[column];
    return {
      id: r.id,
      attribute: r.attribute,
      status: r.status,
      createdAt: r.createdAt,
      resolvedAt: r.resolvedAt,
      person: { id: r.identity.id, displayName: r.identity.displayName, email: r.identity.email },
      current:
        current === null || current === undefined
          ? null
          : current instanceof Date
            ? current.toISOString().slice(0, 10)
            : String(current as string),
      candidates: v.candidates.map((c) => ({
        sourceId: c.sourceId,
        sourceName: c.sourceName,
        precedence: c.precedence,
        value:
          c.value === null
            ? null
            : typeof c.value === 'object'
              ? JSON.stringify(c.value)
              : String(c.value as string),
      })),
      chosenSourceId: v.chosenSourceId,
    };
  });
}
