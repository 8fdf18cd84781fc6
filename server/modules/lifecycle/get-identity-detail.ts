import { PROFILE_MASK } from '@/server/shared/identity-attributes.ts';
import type { TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import {
  PERSON_HISTORY_ACTIONS,
  storedNamesOf,
  formatChange,
  actorName,
  describeAuditEvent,
  loadAuditNames,
} from '@/server/modules/audit/index.ts';
import { attributeOwners } from './attribute-owners.ts';
import { VIEW_ATTRIBUTE_OF, type TPersonAttribute } from './person-attributes.ts';

/** What a person's page lists as their history: the typed list, with any legacy names of those actions. */
const HISTORY_ACTIONS = storedNamesOf(PERSON_HISTORY_ACTIONS);

/** One person as the identity team sees them: attributes, what each source says, accounts, and history. */
export async function getIdentityDetail(db: TDb, input: { identityId: string }) {
  const person = await db.identity.findUnique({
    where: { id: input.identityId },
    select: {
      id: true,
      displayName: true,
      firstName: true,
      lastName: true,
      email: true,
      username: true,
      employeeNumber: true,
      ...PROFILE_MASK,
      employmentType: true,
      status: true,
      startDate: true,
      endDate: true,
      terminatedAt: true,
      origin: true,
      createdAt: true,
      attributes: true,
      manager: { select: { id: true, displayName: true } },
      sourceRecords: {
        orderBy: { updatedAt: 'desc' },
        select: {
          externalId: true,
          data: true,
          updatedAt: true,
          source: { select: { id: true, name: true, kind: true, precedence: true } },
        },
      },
      accounts: {
        orderBy: { createdAt: 'asc' },
        select: {
          id: true,
          username: true,
          status: true,
          nativeId: true,
          application: { select: { name: true } },
          _count: { select: { memberships: true } },
        },
      },
      attributeConflicts: { where: { status: 'OPEN' }, select: { id: true, attribute: true } },
      portalRoles: { orderBy: { role: 'asc' }, select: { role: true } },
    },
  });
  if (!person) throw new AppError('NOT_FOUND', 'No such person');
  const [events, grants, owners] = await Promise.all([
    db.auditEvent.findMany({
      where: { subjectId: person.id, action: { in: HISTORY_ACTIONS } },
      orderBy: { id: 'desc' },
      take: 100,
      select: {
        id: true,
        occurredAt: true,
        action: true,
        actorType: true,
        actorId: true,
        entityType: true,
        entityId: true,
        subjectId: true,
        before: true,
        after: true,
        metadata: true,
      },
    }),
    db.grant.findMany({
      where: { identityId: person.id, status: 'ACTIVE' },
      orderBy: { startsAt: 'asc' },
      select: {
        id: true,
        source: true,
        startsAt: true,
        endsAt: true,
        entitlement: { select: { name: true, application: { select: { name: true, enabled: true } } } },
        role: {
          select: {
            name: true,
            entitlements: {
              where: { entitlement: { application: { enabled: false } } },
              select: { entitlement: { select: { application: { select: { name: true } } } } },
            },
          },
        },
      },
    }),
    attributeOwners(db, person.id),
  ]);
  const names = await loadAuditNames(db, events);
  const text = (v: unknown) =>
    v === null || v === undefined
      ? null
      : v instanceof Date
        ? v.toISOString().slice(0, 10)
        : typeof v === 'object'
          ? JSON.stringify(v)
          : String(v as string);
  return {
    ...person,
    attributes: Object.fromEntries(
      Object.entries((person.attributes ?? {}) as Record<string, unknown>).map(([k, v]) => [k, text(v)]),
    ),
    sourceRecords: person.sourceRecords.map((r) => ({
      ...r,
      data: Object.fromEntries(
        Object.entries(r.data as Record<string, unknown>).map(([k, v]) => [k, text(v)]),
      ),
    })),
    portalRoles: person.portalRoles.map((r) => r.role),
    accounts: person.accounts.map(({ _count, ...a }) => ({ ...a, memberships: _count.memberships })),
    grants: grants.map((g) => ({
      id: g.id,
      source: g.source,
      name: g.entitlement?.name ?? g.role?.name ?? '—',
      application: g.entitlement?.application.name ?? null,
      // Where provisioning is paused, ending the grant takes effect only when it is enabled again.
      pausedApplications: g.entitlement
        ? g.entitlement.application.enabled
          ? []
          : [g.entitlement.application.name]
        : [...new Set(g.role?.entitlements.map((e) => e.entitlement.application.name))],
      startsAt: g.startsAt,
      endsAt: g.endsAt,
    })),
    /** The fields an authoritative source owns (read-only by hand), with that source's name. */
    ownedBy: Object.fromEntries(
      (Object.keys(VIEW_ATTRIBUTE_OF) as TPersonAttribute[]).flatMap((field) => {
        const owner = owners.get(VIEW_ATTRIBUTE_OF[field]);
        return owner ? [[field, owner.sourceName]] : [];
      }),
    ),
    history: events.map((e) => {
      const d = describeAuditEvent(e, names);
      return {
        id: String(e.id),
        occurredAt: e.occurredAt,
        action: d.action ?? e.action,
        actor: actorName(e, names),
        summary: d.sentence,
        changes: d.changes.map(formatChange),
      };
    }),
  };
}
