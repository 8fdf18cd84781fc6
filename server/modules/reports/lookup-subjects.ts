import type { TDb } from '@/server/db/client.ts';
import { ROLE_RISK_SELECT, roleRisk } from '@/server/lib/role-risk-query.ts';

export type TSubjectKind = 'entitlement' | 'role' | 'application' | 'person' | 'department';
export type TSubject = { id: string; label: string; detail: string | null };

const words = (q: string) => q.trim().split(/\s+/).filter(Boolean).slice(0, 4);
const contains = (w: string) => ({ contains: w, mode: 'insensitive' as const });

/**
 * What a report can be asked about, for its pickers: every entitlement, role and application
 * (requestable or not, of enabled applications or not) and every person, leavers included, which
 * the catalog and the staff directory leave out by design.
 */
export async function lookupSubjects(
  db: TDb,
  input: { kind: TSubjectKind; query: string; limit: number; id?: string },
): Promise<TSubject[]> {
  const ws = words(input.query);
  // Asked by id (a page naming what its URL holds), the one subject or none.
  const one = input.id ? { id: input.id } : null;
  if (
    input.id &&
    input.kind !== 'department' &&
    !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(input.id)
  )
    return [];
  const take = input.limit;
  switch (input.kind) {
    case 'entitlement': {
      const rows = await db.entitlement.findMany({
        where: one ?? {
          AND: ws.map((w) => ({
            OR: [{ name: contains(w) }, { externalId: contains(w) }, { application: { name: contains(w) } }],
          })),
        },
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
        take,
        select: { id: true, name: true, risk: true, application: { select: { name: true } } },
      });
      return rows.map((r) => ({
        id: r.id,
        label: r.name,
        detail: `${r.application.name} · ${r.risk.toLowerCase()} risk`,
      }));
    }
    case 'role': {
      const rows = await db.role.findMany({
        where: one ?? { AND: ws.map((w) => ({ OR: [{ name: contains(w) }, { key: contains(w) }] })) },
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
        take,
        select: { id: true, name: true, ...ROLE_RISK_SELECT, _count: { select: { entitlements: true } } },
      });
      return rows.map((r) => ({
        id: r.id,
        label: r.name,
        detail: `Business role · ${r._count.entitlements} entitlements · ${roleRisk(r).toLowerCase()} risk`,
      }));
    }
    case 'application': {
      const rows = await db.application.findMany({
        where: one ?? { AND: ws.map((w) => ({ OR: [{ name: contains(w) }, { key: contains(w) }] })) },
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
        take,
        select: { id: true, name: true, enabled: true, _count: { select: { entitlements: true } } },
      });
      return rows.map((r) => ({
        id: r.id,
        label: r.name,
        detail: `${r._count.entitlements} entitlements${r.enabled ? '' : ' · disabled'}`,
      }));
    }
    case 'person': {
      const rows = await db.identity.findMany({
        where: one ?? {
          AND: ws.map((w) => ({
            OR: [
              { displayName: contains(w) },
              { username: { startsWith: w, mode: 'insensitive' as const } },
              { email: { startsWith: w, mode: 'insensitive' as const } },
              { employeeNumber: w },
            ],
          })),
        },
        orderBy: [{ displayName: 'asc' }, { id: 'asc' }],
        take,
        select: { id: true, displayName: true, department: true, title: true, status: true },
      });
      return rows.map((r) => ({
        id: r.id,
        label: r.displayName,
        detail:
          [
            r.title,
            r.department,
            r.status === 'ACTIVE' ? null : r.status === 'TERMINATED' ? 'left' : r.status.toLowerCase(),
          ]
            .filter(Boolean)
            .join(' · ') || null,
      }));
    }
    case 'department': {
      const rows = await db.identity.findMany({
        where: input.id
          ? { department: input.id }
          : { department: ws.length ? { not: null, ...contains(ws.join(' ')) } : { not: null } },
        distinct: ['department'],
        orderBy: { department: 'asc' },
        take,
        select: { department: true },
      });
      return rows.map((r) => ({ id: r.department!, label: r.department!, detail: null }));
    }
  }
}
