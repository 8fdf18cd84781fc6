import { PERMISSIONS } from '@/server/auth/permissions.ts';
import type { TDb } from '@/server/db/client.ts';
import { isAboutThemselves, selfDecisionError } from '@/server/lib/self-decision.ts';
import type { PortalRole } from '@/prisma/generated/enums.ts';
import type { TSourceRecord } from '@/server/modules/lifecycle/index.ts';

/** The portal roles that may decide a held run: whoever holds the permission decideHeldRun asks for. */
const DECIDING_ROLES = (PERMISSIONS['admin.sources.manage'] as readonly string[]).filter(
  (r): r is PortalRole => r !== 'EMPLOYEE' && r !== 'MANAGER',
);

/**
 * The people who may decide a held run, keyed the ways a source's record reaches a person: by this
 * source's record id once linked, else by employee number or email (how ingestion correlates a new
 * record). A held run records which of them its changes touch, so none of them decides it: nobody
 * decides about their own record (docs/decisions/030, 110). They are a handful, so validation looks
 * each changed record up here instead of reading who it reaches.
 */
export type TRunDeciders = {
  byExternalId: Map<string, string>;
  byEmployeeNumber: Map<string, string>;
  byEmail: Map<string, string>;
};

export async function loadRunDeciders(
  db: TDb,
  sourceId: string,
  /** A confirmed run's confirmer, keyed whatever their role or status now: see runSource. */
  confirmerId?: string | null,
): Promise<TRunDeciders> {
  const deciding = {
    status: { not: 'TERMINATED' as const },
    portalRoles: { some: { role: { in: DECIDING_ROLES } } },
  };
  const people = await db.identity.findMany({
    where: confirmerId ? { OR: [deciding, { id: confirmerId }] } : deciding,
    select: {
      id: true,
      employeeNumber: true,
      email: true,
      sourceRecords: { where: { sourceId }, select: { externalId: true } },
    },
  });
  const deciders: TRunDeciders = { byExternalId: new Map(), byEmployeeNumber: new Map(), byEmail: new Map() };
  for (const p of people) {
    for (const r of p.sourceRecords) deciders.byExternalId.set(r.externalId, p.id);
    if (p.employeeNumber) deciders.byEmployeeNumber.set(p.employeeNumber, p.id);
    if (p.email) deciders.byEmail.set(p.email.toLowerCase(), p.id);
  }
  return deciders;
}

/** Adds to `touched` the deciders these changed records (or no-longer-listed record ids) reach. */
export function addTouchedDeciders(
  deciders: TRunDeciders,
  changed: ReadonlyArray<Pick<TSourceRecord, 'externalId' | 'employeeNumber' | 'email'> | string>,
  touched: Set<string>,
): void {
  if (deciders.byExternalId.size + deciders.byEmployeeNumber.size + deciders.byEmail.size === 0) return;
  for (const r of changed) {
    const id =
      typeof r === 'string'
        ? deciders.byExternalId.get(r)
        : (deciders.byExternalId.get(r.externalId) ??
          (r.employeeNumber ? deciders.byEmployeeNumber.get(r.employeeNumber) : undefined) ??
          (r.email ? deciders.byEmail.get(r.email.toLowerCase()) : undefined));
    if (id) touched.add(id);
  }
}

const touches = (actor: { identityId: string }, touchedDeciderIds: readonly string[] | null) =>
  (touchedDeciderIds ?? []).some((id) => isAboutThemselves(actor, id));

/**
 * Refuses a decision on a held run that changes the actor's own record, either way (audited once, as
 * every self-decision): discarding applies nothing, but it would keep their own leave or move from
 * happening, as discarding one's own held SCIM deactivation would.
 */
export function assertNotTouchedDecider(
  actor: { identityId: string },
  touchedDeciderIds: readonly string[] | null,
): void {
  if (touches(actor, touchedDeciderIds))
    throw selfDecisionError('decide a run that changes your own record', 'another identity admin');
}

/** What the run page offers the caller: decide a held run, unless it changes their own record (and why). */
export function decideVerdict(
  actor: { identityId: string },
  run: { status: string; touchedDeciderIds: readonly string[] | null },
): { canDecide: boolean; cannotDecideReason: string | null } {
  if (run.status !== 'HELD') return { canDecide: false, cannotDecideReason: null };
  return touches(actor, run.touchedDeciderIds)
    ? {
        canDecide: false,
        cannotDecideReason: 'This run changes your own record: another identity admin decides it.',
      }
    : { canDecide: true, cannotDecideReason: null };
}
