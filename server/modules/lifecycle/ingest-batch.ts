import { stableStringify } from '@/server/lib/stable-stringify.ts';
import crypto from 'node:crypto';
import { systemActor, type TActor } from '@/server/auth/actor.ts';
import { insertRows } from '@/server/db/bulk-insert.ts';
import type { Prisma } from '@/server/db/client.ts';
import { recordAuditEvents, type TAuditEventInput } from '@/server/modules/audit/index.ts';
import { EmploymentType } from '@/prisma/generated/enums.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import {
  mergeStoredRecord,
  toAttributeView,
  toStoredRecord,
  type TAttributeView,
  type TStoredRecord,
} from './attribute-view.ts';
import {
  loadExistingTies,
  recordTies,
  recordUnresolvedManagers,
  type TExistingTies,
} from './attribute-conflicts-store.ts';
import { correlateRecords } from './correlate-records.ts';
import { queueCorrelationCases } from './correlation-cases-store.ts';
import { correlationKeys, type TMatch } from './correlation-rules.ts';
import { deriveStatus } from './derive-status.ts';
import {
  changedColumns,
  createIdentityRows,
  loadIdentityRows,
  reserveIdentityUsernames,
  updateIdentityRows,
  type TIdentityRow,
} from './identity-store.ts';
import { resolveAttributes, type TAttributeTie } from './resolve-attributes.ts';
import { findManagerDependants, resolveManagers } from './resolve-managers.ts';
import {
  sessionsEndedIn,
  settleLifecycleChanges,
  stampLeavers,
  type TIdentityChange,
} from './settle-lifecycle-changes.ts';
import { loadSourceSettings, toSourceSettings, type TSourceSettings } from './source-settings.ts';
import type { TIngestOutcome, TSourceRecord } from './source-record.ts';
import { identityUsername } from '@/server/modules/identities/index.ts';
import { PROFILE_ATTRIBUTES, type TProfileAttribute } from '@/server/shared/identity-attributes.ts';

export type TIngestSource = { id: string; origin: 'HR_CSV' | 'HR_DATABASE' | 'SCIM' | 'JIT' | string };
export type TIngestDeps = {
  queue: TJobQueue;
  now?: Date;
  actor?: TActor;
  /** What the operations point back to, e.g. "source-run:<id>"; default "source:<id>". */
  ref?: string;
  /** Correlation decided by a person (the correlation queue): externalId -> identity id, or 'new'. */
  decisions?: ReadonlyMap<string, string>;
  /** Re-apply records even when the source says nothing new (e.g. managers that arrived later). */
  force?: boolean;
  /** Set on the re-application of records whose manager has just arrived: it looks no further. */
  managerFollowUp?: boolean;
};

type TWork = {
  externalId: string;
  merged: TStoredRecord;
  hash: string;
  view: TAttributeView;
  previousId: string | null;
  linkedIdentityId: string | null;
  decision?: string;
};

const EMPLOYMENT_TYPES = new Set<string>(Object.values(EmploymentType));

/** A record placed on a person: who they were (null: new), who they are after it, and what is open. */
type TComputed = {
  w: TWork;
  before: TIdentityRow | null;
  after: TIdentityRow;
  manager: TAttributeView['manager'];
  ties: Array<TAttributeTie & { isNew: boolean }>;
};

type TStageContext = {
  tx: Prisma.TransactionClient;
  source: TIngestSource;
  self: TSourceSettings;
  sources: Map<string, TSourceSettings>;
  actor: TActor;
  now: Date;
  deps: TIngestDeps;
};

/** One batch of records through correlation, precedence, JML and planning, in the caller's transaction. */
export async function ingestBatch(
  tx: Prisma.TransactionClient,
  source: TIngestSource,
  records: readonly TSourceRecord[],
  deps: TIngestDeps,
): Promise<TIngestOutcome[]> {
  const now = deps.now ?? new Date();
  const actor = deps.actor ?? systemActor(source.origin === 'SCIM' ? 'SCIM' : 'SOURCE');
  const sources = await loadSourceSettings(tx);
  const self =
    sources.get(source.id) ??
    toSourceSettings({ id: source.id, name: source.origin, precedence: 100, config: {} });
  const ctx: TStageContext = { tx, source, self, sources, actor, now, deps };
  const outcomes = new Map<string, TIngestOutcome>();
  const { unchanged, work } = await findChangedRecords(ctx, mergeBatch(records));
  for (const outcome of unchanged) outcomes.set(outcome.externalId, outcome);
  if (work.length === 0) return records.map((r) => outcomes.get(r.externalId)!);

  const correlation = await correlateWork(ctx, work);
  for (const outcome of correlation.waiting) outcomes.set(outcome.externalId, outcome);
  const { computed, others, ties } = await computeIdentities(ctx, correlation);
  const managers = await resolveManagers(tx, source.id, computed);
  const unique = await keepUniqueValues(tx, computed);
  const settled = computed.map((c) => ({
    ...c,
    // A person whose manager is not in yet is stored under a hash marked so (awaitingManager): the
    // same record again is skipped only while the manager still names nobody (findChangedRecords).
    w: managers.unresolved.has(c.w.externalId) ? { ...c.w, hash: awaitingManager(c.w.hash) } : c.w,
    after: {
      ...c.after,
      ...(managers.managerIds.has(c.w.externalId)
        ? { managerId: managers.managerIds.get(c.w.externalId)! }
        : {}),
      ...unique.values.get(c.w.externalId),
    },
  }));

  const written = await writeIdentities(ctx, settled);
  await recordOpenQuestions(ctx, settled, { others, ties, unresolvedManagers: managers.unresolved });
  const events = await settleAndAudit(ctx, written);

  const updatedIds = new Set(written.updated.map((c) => c.after.id));
  for (const c of settled) {
    const conflicts = [...c.ties.map((t) => t.attribute), ...(unique.kept.get(c.after.id) ?? [])];
    outcomes.set(c.w.externalId, {
      externalId: c.w.externalId,
      identityId: c.after.id,
      outcome: !c.before ? 'created' : updatedIds.has(c.after.id) ? 'updated' : 'unchanged',
      events: events.get(c.after.id) ?? [],
      ...(conflicts.length ? { conflicts } : {}),
      ...(correlation.matches.get(c.w.externalId)!.kind === 'ambiguous' ? { correlationPending: true } : {}),
      ...(managers.unresolved.has(c.w.externalId)
        ? { unresolvedManager: managers.unresolved.get(c.w.externalId) }
        : {}),
    });
  }
  if (!deps.managerFollowUp) await reapplyManagerDependants(ctx, settled);
  return records.map((r) => outcomes.get(r.externalId)!);
}

/** Several records for one person in a batch: the later ones override the earlier. */
function mergeBatch(records: readonly TSourceRecord[]): Map<string, TStoredRecord> {
  const incoming = new Map<string, TStoredRecord>();
  for (const r of records)
    incoming.set(r.externalId, mergeStoredRecord(incoming.get(r.externalId) ?? null, toStoredRecord(r)));
  return incoming;
}

/**
 * The hash stored for a record whose manager named nobody when it was applied. A manager who arrives
 * in another batch of the same run or through another source sets them then (reapplyManagerDependants,
 * the run's fix-up pass); should the process die before that, the next run still sees them waiting,
 * and applies them again once the manager resolves: not before, so that a manager who never appears
 * costs an unchanged row nothing but the look.
 */
const awaitingManager = (hash: string) => `manager?${hash}`;

/**
 * The records that say something new, merged with what the source said before. SourceRecord.hash is
 * the hash of the last record the source sent: the same record again changes nothing, and is
 * recognised without reading the stored data; one stored while its manager named nobody changes
 * something only once its manager can be found.
 */
async function findChangedRecords(
  { tx, source, deps }: TStageContext,
  incoming: Map<string, TStoredRecord>,
): Promise<{ unchanged: TIngestOutcome[]; work: TWork[] }> {
  const previous = new Map(
    (
      await tx.sourceRecord.findMany({
        where: { sourceId: source.id, externalId: { in: [...incoming.keys()] } },
        select: { id: true, externalId: true, identityId: true, hash: true },
      })
    ).map((p) => [p.externalId, p]),
  );
  const unchanged: TIngestOutcome[] = [];
  const changed: Array<{ externalId: string; record: TStoredRecord; hash: string }> = [];
  const awaiting: Array<{ externalId: string; record: TStoredRecord; hash: string; identityId: string }> = [];
  for (const [externalId, record] of incoming) {
    const prev = previous.get(externalId);
    const hash = hashRecord(record);
    const isRepeat = prev?.identityId && !deps.decisions?.has(externalId) && !deps.force;
    // The common case of a repeated sync: this source says nothing new about a person it already links.
    if (isRepeat && prev.hash === hash)
      unchanged.push({ externalId, identityId: prev.identityId!, outcome: 'unchanged', events: [] });
    else if (isRepeat && prev.hash === awaitingManager(hash))
      awaiting.push({ externalId, record, hash, identityId: prev.identityId! });
    else changed.push({ externalId, record, hash });
  }
  const seenBefore = [
    ...changed.filter((c) => previous.has(c.externalId)).map((c) => c.externalId),
    ...awaiting.map((a) => a.externalId),
  ];
  const stored = seenBefore.length
    ? new Map(
        (
          await tx.sourceRecord.findMany({
            where: { sourceId: source.id, externalId: { in: seenBefore } },
            select: { externalId: true, data: true },
          })
        ).map((r) => [r.externalId, r.data as TStoredRecord]),
      )
    : new Map<string, TStoredRecord>();
  if (awaiting.length) {
    const found = await resolveManagers(
      tx,
      source.id,
      awaiting.map((a) => {
        const merged = mergeStoredRecord(stored.get(a.externalId) ?? null, a.record);
        const view = toAttributeView(merged);
        return {
          w: { externalId: a.externalId, merged },
          after: { id: a.identityId, employeeNumber: view.employeeNumber ?? null },
          manager: view.manager,
        };
      }),
    );
    for (const a of awaiting)
      if (found.managerIds.has(a.externalId)) changed.push(a);
      else
        unchanged.push({
          externalId: a.externalId,
          identityId: a.identityId,
          outcome: 'unchanged',
          events: [],
          // Still waiting: a run's fix-up pass looks again once its batches are in (the manager may be one).
          ...(found.unresolved.has(a.externalId)
            ? { unresolvedManager: found.unresolved.get(a.externalId) }
            : {}),
        });
  }
  const work = changed.map(({ externalId, record, hash }): TWork => {
    const prev = previous.get(externalId);
    const merged = mergeStoredRecord(stored.get(externalId) ?? null, record);
    return {
      externalId,
      merged,
      hash,
      view: toAttributeView(merged),
      previousId: prev?.id ?? null,
      linkedIdentityId: prev?.identityId ?? null,
      decision: deps.decisions?.get(externalId),
    };
  });
  return { unchanged, work };
}

type TCorrelation = {
  matches: Map<string, TMatch>;
  /** The people the records matched, as they are now. */
  befores: Map<string, TIdentityRow>;
  /** The records that are placed on a person in this batch. */
  placed: TWork[];
  /** The outcomes of records that wait for a person to settle their correlation. */
  waiting: TIngestOutcome[];
};

/** Which person each record is; ambiguous ones go to the correlation queue. */
async function correlateWork(
  { tx, source, self, actor }: TStageContext,
  work: TWork[],
): Promise<TCorrelation> {
  const matches = await correlateRecords(
    tx,
    source.id,
    work.map((w) => ({
      externalId: w.externalId,
      keys: correlationKeys({
        ...w.view,
        username: typeof w.merged.username === 'string' ? w.merged.username : null,
      }),
      linkedIdentityId: w.linkedIdentityId,
      decision: w.decision,
    })),
    self.settings.correlation,
  );
  const befores = await loadIdentityRows(
    tx,
    work.flatMap((w) => {
      const match = matches.get(w.externalId)!;
      return match.kind === 'matched' ? [match.identityId] : [];
    }),
  );
  const isAmbiguous = (w: TWork) => matches.get(w.externalId)!.kind === 'ambiguous';
  const pending = work.filter(isAmbiguous);
  await queueCorrelationCases(
    tx,
    source.id,
    pending.map((w) => {
      const match = matches.get(w.externalId) as Extract<TMatch, { kind: 'ambiguous' }>;
      return {
        externalId: w.externalId,
        record: w.merged,
        candidateIds: match.candidateIds,
        reason: match.reason,
      };
    }),
    actor,
  );
  // An IdP's write cannot wait for a person: its User becomes a person of its own (contested unique
  // values withheld) while the question waits in the queue. A batch source's record waits instead.
  const placesAmbiguous = source.origin === 'SCIM';
  return {
    matches,
    befores,
    placed: placesAmbiguous ? work : work.filter((w) => !isAmbiguous(w)),
    waiting: placesAmbiguous
      ? []
      : pending.map((w) => ({
          externalId: w.externalId,
          identityId: null,
          outcome: 'correlation_pending' as const,
          events: [],
        })),
  };
}

/** Each placed record's person after precedence across every source that speaks of them. */
async function computeIdentities(
  { tx, source, self, sources, now }: TStageContext,
  { matches, befores, placed }: TCorrelation,
) {
  const personOf = (w: TWork) => {
    const match = matches.get(w.externalId)!;
    return match.kind === 'matched' ? befores.get(match.identityId) : undefined;
  };
  const existingIds = placed.flatMap((w) => (personOf(w) ? [personOf(w)!.id] : []));
  const others = await loadOtherViews(tx, source.id, existingIds, sources);
  const ties = others.size
    ? await loadExistingTies(tx, [...others.keys()])
    : new Map<string, TExistingTies>();

  const fresh = placed.filter((w) => !personOf(w));
  const usernames = await reserveIdentityUsernames(
    tx,
    fresh.map((w) => baseIdentityUsername(w)),
  );
  const newUsername = new Map(fresh.map((w, i) => [w.externalId, usernames[i]!]));

  const computed = placed.map((w): TComputed => {
    const before = personOf(w) ?? null;
    const otherViews = before ? (others.get(before.id) ?? []) : [];
    const resolved = otherViews.length
      ? resolveAttributes(
          [
            { sourceId: self.id, sourceName: self.name, precedenceOf: self.precedenceOf, view: w.view },
            ...otherViews,
          ],
          ties.get(before!.id)?.settled,
        )
      : { values: w.view, ties: [] };
    const base = before ?? newIdentity(newUsername.get(w.externalId)!, w.view);
    return {
      w,
      before,
      after: applyValues(base, before, resolved.values, now),
      manager: resolved.values.manager,
      ties: resolved.ties,
    };
  });
  return { computed, others, ties };
}

/** New people created, changed people updated, and the source's records saved. */
async function writeIdentities({ tx, source, now }: TStageContext, computed: TComputed[]) {
  const created = computed.filter((c) => !c.before);
  const updated = stampLeavers(
    computed.filter((c) => c.before && changedColumns(c.before, c.after).length > 0),
    now,
  );
  await createIdentityRows(
    tx,
    created.map((c) => c.after),
    source.origin,
    now,
  );
  await updateIdentityRows(
    tx,
    updated.map((c) => c.after),
    sessionsEndedIn(updated),
  );
  await saveSourceRecords(
    tx,
    source.id,
    computed.map((c) => ({ w: c.w, identityId: c.after.id })),
    now,
  );
  return { created, updated };
}

/** Ties between sources and managers nobody answers to yet, for the identity team. */
async function recordOpenQuestions(
  { tx, self, actor }: TStageContext,
  computed: TComputed[],
  open: {
    others: Map<string, unknown>;
    ties: Map<string, TExistingTies>;
    unresolvedManagers: Map<string, string>;
  },
) {
  await recordTies(
    tx,
    computed
      .filter((c) => c.before && open.others.has(c.before.id))
      .map((c) => ({ identityId: c.after.id, ties: c.ties, existing: open.ties.get(c.after.id) })),
    actor,
  );
  await recordUnresolvedManagers(
    tx,
    computed.flatMap((c) => {
      if (c.manager === undefined) return [];
      const reference =
        c.manager && 'reference' in c.manager && open.unresolvedManagers.has(c.w.externalId)
          ? c.manager.reference
          : null;
      return [
        {
          identityId: c.after.id,
          unresolved:
            reference === null
              ? null
              : {
                  sourceId: self.id,
                  sourceName: self.name,
                  value: reference,
                  precedence: self.precedenceOf('manager'),
                },
        },
      ];
    }),
    actor,
  );
}

/** Joiner, mover, leaver and rehire for the people written, and their history. */
async function settleAndAudit(
  { tx, source, self, actor, now, deps }: TStageContext,
  { created, updated }: { created: TComputed[]; updated: Array<TComputed & { sessionsEnded?: boolean }> },
) {
  const written: Array<TComputed & { sessionsEnded?: boolean }> = [...created, ...updated];
  const changes: TIdentityChange[] = written.map((c) => ({
    before: c.before,
    after: c.after,
    moverRevokesRequestedAccessOn: self.settings.moverRevokesRequestedAccessOn,
    sessionsEnded: c.sessionsEnded === true,
  }));
  const { events } = await settleLifecycleChanges(tx, changes, {
    actor,
    now,
    ref: deps.ref ?? `source:${source.id}`,
    queue: deps.queue,
  });
  const audit: TAuditEventInput[] = [...created, ...updated].map((c) => ({
    actor,
    action: c.before ? 'identity.updated' : 'identity.created',
    entityType: 'Identity',
    entityId: c.after.id,
    subjectId: c.after.id,
    before: c.before ? pick(c.before) : undefined,
    after: pick(c.after),
    // What the identity team enters by hand (manual-source.ts) is told apart in the history's words.
    metadata: {
      source: source.id,
      sourceName: self.name,
      externalId: c.w.externalId,
      events: events.get(c.after.id) ?? [],
      ...(source.origin === 'ADMIN' ? { byHand: true } : {}),
    },
  }));
  await recordAuditEvents(tx, audit);
  return events;
}

/** Records of any source waiting for a manager who has just arrived: applied again, once. */
async function reapplyManagerDependants({ tx, source, deps }: TStageContext, written: TComputed[]) {
  const dependants = await findManagerDependants(tx, source.id, written);
  for (const sourceId of new Set(dependants.map((d) => d.sourceId))) {
    const ofSource = dependants.filter((d) => d.sourceId === sourceId);
    await ingestBatch(
      tx,
      { id: sourceId, origin: ofSource[0]!.kind },
      ofSource.map((d) => d.record),
      { ...deps, decisions: undefined, force: true, managerFollowUp: true },
    );
  }
}

/** The hash a record is stored under: what ingestion compares to recognise a repeat. */
export function sourceRecordHash(record: TSourceRecord): string {
  return hashRecord(mergeStoredRecord(null, toStoredRecord(record)));
}

function hashRecord(data: TStoredRecord): string {
  return crypto.createHash('sha256').update(stableStringify(data)).digest('hex');
}

function baseIdentityUsername(w: TWork): string {
  return identityUsername([
    typeof w.merged.username === 'string' ? w.merged.username : null,
    w.view.email,
    w.view.employeeNumber,
    w.externalId,
  ]);
}

function newIdentity(username: string, view: TAttributeView): TIdentityRow {
  return {
    id: crypto.randomUUID(),
    employeeNumber: null,
    username,
    email: view.email ?? `${username}@invalid.example`,
    firstName: '',
    lastName: '',
    displayName: '',
    ...(Object.fromEntries(PROFILE_ATTRIBUTES.map((a) => [a, null])) as Record<TProfileAttribute, null>),
    employmentType: 'EMPLOYEE',
    status: 'ACTIVE',
    startDate: null,
    endDate: null,
    managerId: null,
    attributes: {},
    terminatedAt: null,
  };
}

const toDate = (v: string | null) => (v ? new Date(`${v}T00:00:00.000Z`) : null);

/** The identity after the resolved values; the manager is resolved afterwards, for the whole batch. */
function applyValues(
  base: TIdentityRow,
  before: TIdentityRow | null,
  v: TAttributeView,
  now: Date,
): TIdentityRow {
  const after: TIdentityRow = { ...base };
  for (const k of ['employeeNumber', ...PROFILE_ATTRIBUTES] as const) if (k in v) after[k] = v[k] ?? null;
  for (const k of ['firstName', 'lastName', 'displayName', 'email'] as const) if (v[k]) after[k] = v[k];
  // A source that says "no value" for a required column: the value a person it creates gets.
  for (const k of ['firstName', 'lastName'] as const) if (v[k] === null) after[k] = '';
  if (v.employmentType === null) after.employmentType = 'EMPLOYEE';
  if (v.employmentType && EMPLOYMENT_TYPES.has(v.employmentType))
    after.employmentType = v.employmentType as EmploymentType;
  if ('startDate' in v) after.startDate = toDate(v.startDate ?? null);
  if ('endDate' in v) after.endDate = toDate(v.endDate ?? null);
  if (v.attributes) after.attributes = v.attributes;
  // A source without display names: the name it gives, when the name is new or changed (a display
  // name set by hand otherwise stays), or when the source takes its display name away.
  const renamed = !before || before.firstName !== after.firstName || before.lastName !== after.lastName;
  if (!v.displayName && (renamed || !after.displayName || v.displayName === null))
    after.displayName = `${after.firstName} ${after.lastName}`.trim() || after.username;
  after.status = deriveStatus({
    said: v.status,
    before: before?.status ?? null,
    startDate: after.startDate,
    endDate: after.endDate,
    now,
  });
  // A rehire starts with a clean slate; the kill switch stamps leavers.
  if (before?.status === 'TERMINATED' && after.status !== 'TERMINATED') after.terminatedAt = null;
  return after;
}

/**
 * Employee number and email are one person's each. A change that would give someone a value another
 * person holds (a record a person linked by hand, a source that swapped two emails, a SCIM User placed
 * while its correlation waits) keeps the current value (a new person: none) and is reported with the
 * record's outcome: `values` has the values kept (by record), `kept` which attributes (by person).
 */
async function keepUniqueValues(
  tx: Prisma.TransactionClient,
  computed: ReadonlyArray<{ w: { externalId: string }; before: TIdentityRow | null; after: TIdentityRow }>,
): Promise<{
  values: Map<string, Partial<Pick<TIdentityRow, 'email' | 'employeeNumber'>>>;
  kept: Map<string, string[]>;
}> {
  type TPlaced = (typeof computed)[number];
  const emailChanges = (c: TPlaced) => c.before?.email !== c.after.email;
  const numberChanges = (c: TPlaced) =>
    !!c.after.employeeNumber && c.before?.employeeNumber !== c.after.employeeNumber;
  const changing = computed.filter((c) => emailChanges(c) || numberChanges(c));
  const values = new Map<string, Partial<Pick<TIdentityRow, 'email' | 'employeeNumber'>>>();
  const kept = new Map<string, string[]>();
  if (changing.length === 0) return { values, kept };
  const emails = changing.filter(emailChanges).map((c) => c.after.email.toLowerCase());
  const numbers = changing.filter(numberChanges).map((c) => c.after.employeeNumber!);
  const holders = await tx.$queryRaw<Array<{ id: string; email: string; employeeNumber: string | null }>>`
    SELECT id::text, lower(email) AS email, "employeeNumber" FROM "Identity" WHERE lower(email) = ANY(${emails}::text[]) OR "employeeNumber" = ANY(${numbers}::text[])`;
  const emailHolder = new Map(holders.map((h) => [h.email, h.id]));
  const numberHolder = new Map(
    holders.flatMap((h) => (h.employeeNumber ? [[h.employeeNumber, h.id] as const] : [])),
  );
  for (const c of changing) {
    const keptValues: Partial<Pick<TIdentityRow, 'email' | 'employeeNumber'>> = {};
    const emailOwner = emailHolder.get(c.after.email.toLowerCase());
    if (emailChanges(c) && emailOwner && emailOwner !== c.after.id)
      keptValues.email = c.before?.email ?? `${c.after.username}@invalid.example`;
    const numberOwner = c.after.employeeNumber ? numberHolder.get(c.after.employeeNumber) : undefined;
    if (numberChanges(c) && numberOwner && numberOwner !== c.after.id)
      keptValues.employeeNumber = c.before?.employeeNumber ?? null;
    const attributes = Object.keys(keptValues);
    if (attributes.length) {
      values.set(c.w.externalId, keptValues);
      kept.set(c.after.id, attributes);
    }
  }
  return { values, kept };
}

/** Every other source's view of these people, ranked by that source's precedence. */
async function loadOtherViews(
  tx: Prisma.TransactionClient,
  sourceId: string,
  identityIds: readonly string[],
  sources: Map<string, TSourceSettings>,
) {
  const out = new Map<
    string,
    Array<{
      sourceId: string;
      sourceName: string;
      precedenceOf: TSourceSettings['precedenceOf'];
      view: TAttributeView;
    }>
  >();
  if (identityIds.length === 0) return out;
  const rows = await tx.sourceRecord.findMany({
    where: { identityId: { in: [...identityIds] }, sourceId: { not: sourceId } },
    select: { identityId: true, sourceId: true, data: true },
  });
  for (const r of rows) {
    const s = sources.get(r.sourceId);
    if (!s || !r.identityId) continue;
    const list = out.get(r.identityId) ?? [];
    list.push({
      sourceId: s.id,
      sourceName: s.name,
      precedenceOf: s.precedenceOf,
      view: toAttributeView(r.data as TStoredRecord),
    });
    out.set(r.identityId, list);
  }
  return out;
}

async function saveSourceRecords(
  tx: Prisma.TransactionClient,
  sourceId: string,
  rows: Array<{ w: TWork; identityId: string }>,
  now: Date,
) {
  const create = rows.filter((r) => !r.w.previousId);
  const update = rows.filter((r) => r.w.previousId);
  await insertRows(
    tx,
    'SourceRecord',
    create.map((r) => ({
      id: crypto.randomUUID(),
      sourceId,
      externalId: r.w.externalId,
      identityId: r.identityId,
      data: r.w.merged,
      hash: r.w.hash,
      createdAt: now,
      updatedAt: now,
    })),
  );
  for (let i = 0; i < update.length; i += 2000) {
    const slice = update
      .slice(i, i + 2000)
      .map((r) => ({ id: r.w.previousId, identityId: r.identityId, data: r.w.merged, hash: r.w.hash }));
    await tx.$executeRaw`
      UPDATE "SourceRecord" AS s SET "identityId" = v."identityId", data = v.data, hash = v.hash, "updatedAt" = ${now}
        FROM jsonb_to_recordset(${JSON.stringify(slice)}::jsonb) AS v(id uuid, "identityId" uuid, data jsonb, hash text)
       WHERE s.id = v.id`;
  }
}

/** What the history keeps of a person before and after a change. */
function pick(i: TIdentityRow) {
  return {
    status: i.status,
    ...(Object.fromEntries(PROFILE_ATTRIBUTES.map((a) => [a, i[a]])) as Record<
      TProfileAttribute,
      string | null
    >),
    managerId: i.managerId,
    employmentType: i.employmentType,
    email: i.email,
    displayName: i.displayName,
    startDate: i.startDate,
    endDate: i.endDate,
  };
}
