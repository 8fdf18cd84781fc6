import crypto from 'node:crypto';
import type { TActor } from '@/server/auth/actor.ts';
import { systemActor } from '@/server/auth/actor.ts';
import type { Prisma, TPrisma } from '@/server/db/client.ts';
import { recordAuditEvents } from '@/server/modules/audit/record-audit-event.ts';
import { recomputeBirthright } from '@/server/modules/birthright/recompute-birthright.ts';
import { planAccess } from '@/server/modules/provisioning/plan-access.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { applyKillSwitch } from './apply-kill-switch.ts';
import { classifyLifecycle } from './classify-lifecycle.ts';
import type { TIngestOutcome, TSourceRecord } from './source-record.ts';

export type TIngestSource = { id: string; origin: 'HR_CSV' | 'HR_DATABASE' | 'SCIM' | 'JIT' | string };
export type TIngestDeps = { queue: TJobQueue; now?: Date; actor?: TActor };

const FIELDS = ['employeeNumber', 'username', 'email', 'firstName', 'lastName', 'displayName', 'department', 'title', 'location', 'costCenter', 'employmentType', 'startDate', 'endDate'] as const;

/**
 * Brings authoritative-source records into the identity repository in one transaction: correlate
 * each to an identity (the source's own link, then employee number, then email; ambiguity goes to
 * the correlation queue, never to a duplicate), create or update it, classify joiner / mover /
 * leaver / rehire, pull the kill switch for leavers, then recompute birthright and plan access for
 * everyone touched. Every source (HR CSV, HR database, SCIM, just-in-time sign-in) comes through here.
 */
export async function ingestSourceRecords(db: TPrisma, source: TIngestSource, records: TSourceRecord[], deps: TIngestDeps): Promise<TIngestOutcome[]> {
  const now = deps.now ?? new Date();
  const actor = deps.actor ?? systemActor(source.origin === 'SCIM' ? 'SCIM' : 'SOURCE');
  return db.$transaction(
    async (tx) => {
      const outcomes: TIngestOutcome[] = [];
      const touched = new Set<string>();
      const leavers: string[] = [];
      const audit: Parameters<typeof recordAuditEvents>[1] = [];
      for (const record of records) {
        const match = await correlate(tx, source.id, record);
        if (match.kind === 'ambiguous') {
          await tx.correlationCase.create({
            data: { sourceId: source.id, externalId: record.externalId, record: record as Prisma.InputJsonValue, candidateIds: match.candidateIds },
          });
          outcomes.push({ externalId: record.externalId, identityId: null, outcome: 'correlation_pending', events: [] });
          continue;
        }
        const before = match.kind === 'matched' ? await tx.identity.findUniqueOrThrow({ where: { id: match.identityId } }) : null;
        const data = await identityData(tx, record, before, now);
        const identity = before
          ? await tx.identity.update({ where: { id: before.id }, data })
          : await tx.identity.create({ data: { ...(await newIdentityDefaults(tx, record)), ...data, origin: source.origin } as Prisma.IdentityUncheckedCreateInput });
        const events = classifyLifecycle(before, identity);
        const changed = !before || FIELDS.some((f) => String(before[f] ?? '') !== String(identity[f] ?? '')) || before.status !== identity.status || before.managerId !== identity.managerId;
        await tx.sourceRecord.upsert({
          where: { sourceId_externalId: { sourceId: source.id, externalId: record.externalId } },
          create: { sourceId: source.id, externalId: record.externalId, identityId: identity.id, data: record as Prisma.InputJsonValue, hash: hashRecord(record) },
          update: { identityId: identity.id, data: record as Prisma.InputJsonValue, hash: hashRecord(record) },
        });
        if (events.includes('LEAVER')) leavers.push(identity.id);
        if (changed) {
          touched.add(identity.id);
          audit.push({
            actor,
            action: before ? 'identity.updated' : 'identity.created',
            entityType: 'Identity',
            entityId: identity.id,
            subjectId: identity.id,
            before: before ? pick(before) : undefined,
            after: pick(identity),
            metadata: { source: source.id, externalId: record.externalId, events },
          });
        }
        outcomes.push({ externalId: record.externalId, identityId: identity.id, outcome: !before ? 'created' : changed ? 'updated' : 'unchanged', events });
      }
      await recordAuditEvents(tx, audit);
      await applyKillSwitch(tx, leavers, actor, { now });
      const ids = [...touched];
      if (ids.length) {
        await recomputeBirthright(tx, ids, actor, { now });
        await planAccess(tx, ids, { reason: leavers.length ? 'LIFECYCLE' : 'SOURCE_SYNC', actor, ref: `source:${source.id}` }, { queue: deps.queue, now });
      }
      return outcomes;
    },
    { timeout: 300_000, maxWait: 30_000 },
  );
}

type TMatch = { kind: 'matched'; identityId: string } | { kind: 'new' } | { kind: 'ambiguous'; candidateIds: string[] };

async function correlate(tx: Prisma.TransactionClient, sourceId: string, r: TSourceRecord): Promise<TMatch> {
  const linked = await tx.sourceRecord.findUnique({ where: { sourceId_externalId: { sourceId, externalId: r.externalId } }, select: { identityId: true } });
  if (linked?.identityId) return { kind: 'matched', identityId: linked.identityId };
  const byNumber = r.employeeNumber ? await tx.identity.findMany({ where: { employeeNumber: r.employeeNumber }, select: { id: true } }) : [];
  const byEmail = r.email ? await tx.identity.findMany({ where: { email: { equals: r.email, mode: 'insensitive' } }, select: { id: true } }) : [];
  const candidates = [...new Set([...byNumber, ...byEmail].map((i) => i.id))];
  if (candidates.length === 0) return { kind: 'new' };
  if (candidates.length === 1) return { kind: 'matched', identityId: candidates[0]! };
  return { kind: 'ambiguous', candidateIds: candidates };
}

async function identityData(tx: Prisma.TransactionClient, r: TSourceRecord, before: { status: string } | null, now: Date): Promise<Prisma.IdentityUncheckedUpdateInput> {
  const data: Prisma.IdentityUncheckedUpdateInput = {};
  for (const f of FIELDS) {
    if (r[f] !== undefined && f !== 'username') (data as Record<string, unknown>)[f] = r[f];
  }
  if (r.firstName !== undefined || r.lastName !== undefined) {
    if (r.displayName === undefined && r.firstName && r.lastName) data.displayName = `${r.firstName} ${r.lastName}`;
  }
  let status = r.status ?? undefined;
  if (!status && r.active === false) status = 'TERMINATED';
  if (!status && r.active === true && before?.status === 'TERMINATED') status = 'ACTIVE';
  if (!status && r.endDate && r.endDate.getTime() < now.getTime() - 86_400_000) status = 'TERMINATED';
  if (status) data.status = status;
  if (r.managerIdentityId !== undefined) data.managerId = r.managerIdentityId;
  else if (r.managerEmployeeNumber !== undefined) {
    data.managerId = r.managerEmployeeNumber
      ? ((await tx.identity.findUnique({ where: { employeeNumber: r.managerEmployeeNumber }, select: { id: true } }))?.id ?? null)
      : null;
  }
  if (r.attributes) data.attributes = r.attributes as Prisma.InputJsonValue;
  return data;
}

async function newIdentityDefaults(tx: Prisma.TransactionClient, r: TSourceRecord) {
  const base = (r.username ?? r.email?.split('@')[0] ?? r.employeeNumber ?? r.externalId).toLowerCase().replace(/[^a-z0-9._-]/g, '') || 'user';
  let username = base;
  for (let n = 2; await tx.identity.findUnique({ where: { username }, select: { id: true } }); n++) username = `${base}${n}`;
  const firstName = r.firstName ?? '';
  const lastName = r.lastName ?? '';
  return {
    username,
    email: r.email ?? `${username}@invalid.example`,
    firstName,
    lastName,
    displayName: r.displayName ?? (`${firstName} ${lastName}`.trim() || username),
  };
}

function hashRecord(r: TSourceRecord): string {
  return crypto.createHash('sha256').update(JSON.stringify(r)).digest('hex');
}

function pick(i: Record<string, unknown>) {
  return Object.fromEntries(['status', 'department', 'title', 'location', 'managerId', 'employmentType', 'costCenter', 'email', 'displayName'].map((k) => [k, i[k]]));
}
