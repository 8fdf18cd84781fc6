import type { TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';

const HISTORY_ACTIONS = ['identity.', 'grant.', 'access.planned', 'correlation.', 'provisioning.'];

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
      department: true,
      title: true,
      location: true,
      costCenter: true,
      employmentType: true,
      status: true,
      startDate: true,
      endDate: true,
      terminatedAt: true,
      origin: true,
      createdAt: true,
      attributes: true,
      manager: { select: { id: true, displayName: true } },
      sourceRecords: { orderBy: { updatedAt: 'desc' }, select: { externalId: true, data: true, updatedAt: true, source: { select: { id: true, name: true, kind: true, precedence: true } } } },
      accounts: { orderBy: { createdAt: 'asc' }, select: { id: true, username: true, status: true, nativeId: true, application: { select: { name: true } }, _count: { select: { memberships: true } } } },
      attributeConflicts: { where: { status: 'OPEN' }, select: { id: true, attribute: true } },
      portalRoles: { orderBy: { role: 'asc' }, select: { role: true } },
    },
  });
  if (!person) throw new AppError('NOT_FOUND', 'No such person');
  const [events, grants] = await Promise.all([
    db.auditEvent.findMany({
      where: { subjectId: person.id, OR: HISTORY_ACTIONS.map((a) => (a.endsWith('.') ? { action: { startsWith: a } } : { action: a })) },
      orderBy: { id: 'desc' },
      take: 100,
      select: { id: true, occurredAt: true, action: true, actorType: true, before: true, after: true, metadata: true },
    }),
    db.grant.findMany({
      where: { identityId: person.id, status: 'ACTIVE' },
      select: { id: true, source: true, entitlement: { select: { name: true } }, role: { select: { name: true } } },
    }),
  ]);
  const text = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'object' ? JSON.stringify(v) : String(v as string));
  return {
    ...person,
    attributes: Object.fromEntries(Object.entries((person.attributes ?? {}) as Record<string, unknown>).map(([k, v]) => [k, text(v)])),
    sourceRecords: person.sourceRecords.map((r) => ({ ...r, data: Object.fromEntries(Object.entries(r.data as Record<string, unknown>).map(([k, v]) => [k, text(v)])) })),
    portalRoles: person.portalRoles.map((r) => r.role),
    accounts: person.accounts.map(({ _count, ...a }) => ({ ...a, memberships: _count.memberships })),
    grants: grants.map((g) => ({ id: g.id, source: g.source, name: g.entitlement?.name ?? g.role?.name ?? '—' })),
    history: events.map((e) => ({ id: String(e.id), occurredAt: e.occurredAt, action: e.action, actorType: e.actorType, summary: summarise(e.action, e.before, e.after, e.metadata) })),
  };
}

/** A line a person can read: what changed, with the lifecycle events. */
function summarise(action: string, before: unknown, after: unknown, metadata: unknown): string {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const m = (metadata ?? {}) as Record<string, unknown>;
  const s = (v: unknown, fallback = '') => (v === null || v === undefined ? fallback : fmt(v));
  const events = Array.isArray(m.events) && m.events.length ? ` (${(m.events as string[]).map((e) => e.toLowerCase()).join(', ')})` : '';
  switch (action) {
    case 'identity.created':
      return `Created from ${s(m.sourceName, 'a source')}${events}`;
    case 'identity.updated': {
      const changed = Object.keys(a).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
      const detail = changed.map((k) => `${k}: ${fmt(b[k])} → ${fmt(a[k])}`).join('; ');
      return `${m.sourceName ? `${s(m.sourceName)}: ` : m.reason ? `${s(m.reason)}: ` : ''}${detail || 'no visible change'}${events}`;
    }
    case 'identity.portal_roles_changed':
    case 'identity.portal_roles_synced':
      return `Portal roles${action.endsWith('synced') ? ' (from the identity provider’s groups)' : ''}: ${roleList(b.roles)} → ${roleList(a.roles)}`;
    case 'identity.kill_switch':
      return `Kill switch: ${s(a.grantsRevoked, '0')} grants revoked, ${s(a.requestsCancelled, '0')} requests cancelled, sessions ended`;
    case 'identity.sessions_ended':
      return m.reason === 'ADMIN' ? 'Sessions ended by the identity team' : 'Sessions ended: the status no longer allows signing in';
    case 'access.planned':
      return `Access planned (${s(m.reason)}): ${Array.isArray(m.operations) ? m.operations.length : 0} operations`;
    case 'grant.created':
      return `Grant added${a.rule ? ` by rule “${s(a.rule)}”` : ''}`;
    case 'grant.revoked':
      return `Grant revoked${a.reason ? `: ${s(a.reason)}` : ''}`;
    case 'provisioning.succeeded':
    case 'provisioning.failed': {
      const what = s(a.kind).toLowerCase().replace(/_/g, ' ');
      const where = [s(m.application), m.entitlement ? s(m.entitlement).split(',')[0] : ''].filter(Boolean).join(', ');
      return `${action === 'provisioning.failed' ? 'Failed' : 'Done'}: ${what}${where ? ` (${where})` : ''}${a.outcome === 'noop' ? ', already so' : ''}${a.error ? `: ${s(a.error)}` : ''}`;
    }
    default:
      return action.replace(/[._]/g, ' ');
  }
}

const roleList = (v: unknown) => (Array.isArray(v) && v.length ? v.map((r) => String(r).toLowerCase().replace(/_/g, ' ')).join(', ') : 'none');
const fmt = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v as string));
