import crypto from 'node:crypto';
import { systemActor } from '@/server/auth/actor.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import {
  INGEST_TRANSACTION_LIMITS,
  ingestSourceRecords,
  ZSourceRecord,
  type TSourceRecord,
} from '@/server/modules/lifecycle/index.ts';
import { assertIfMatch, contentEtag } from './etag.ts';
import { getIgnoringCase, scalarText } from './filter/evaluate-filter.ts';
import type { TFilter } from './filter/parse-filter.ts';
import { withAdvisoryLock } from '@/server/db/advisory-lock.ts';
import { withKeyLock } from './keyed-lock.ts';
import { listResponse, pagedListResponse, type TListQuery } from './list-query.ts';
import type { TScimContext } from './scim-context.ts';
import { notFound, ScimError } from './scim-error.ts';
import { groupsOf, removeMemberEverywhere } from './scim-group-store.ts';
import { applyPatch, parsePatchRequest } from './scim-patch.ts';
import { readResourceBody, storedDocument } from './scim-resource.ts';
import { ENTERPRISE_SCHEMA, USER_SCHEMA, type TScimDoc } from './scim-schemas.ts';
import {
  DELETED_MARK,
  findDeletedUserRow,
  findUserRow,
  listUserPage,
  listUserRows,
  type TUserRow,
} from './scim-user-store.ts';
import { assertKeepsRequired, mapUserAttributes, toSourceRecord } from './user-record.ts';
import {
  patchSetsActive,
  recordDeactivation,
  supersedeHeldDeactivation,
  type TDeactivationMethod,
} from './scim-deactivation-guard.ts';
import { inTransaction, type Prisma, type TDb } from '@/server/db/client.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFAULT_MAX_SCAN = 50_000;
const lockKey = (ctx: TScimContext) => `scim-users:${ctx.sourceId}`;

/**
 * User writes of one SCIM source take turns: each reads the stored document, changes it and ingests
 * it, and checks userName is free; two interleaved would lose one or let a duplicate in. In this
 * process first, then across every process on the database.
 */
const serialised = <T>(ctx: TScimContext, fn: () => Promise<T>) =>
  withKeyLock(lockKey(ctx), () => withAdvisoryLock(ctx.db, lockKey(ctx), fn));

/**
 * One User write in one transaction: the burst guard's record, the ingestion and (for a DELETE) the
 * group clean-up and its event commit together or not at all. Committed apart, a write SCIM answered
 * 503 would have left part of itself behind: a DELETE whose clean-up kept conflicting left the User
 * deleted but in its groups, and the IdP's retry found it 404. The ingestion's own limits, which it
 * gives up when it joins. Only the database (jobs go in with the transaction), so a run undone by a
 * deadlock runs again as a whole (inTransaction); joined when `db` already is a transaction.
 */
const inUserWrite = <T>(
  ctx: TScimContext,
  fn: (tx: Prisma.TransactionClient) => Promise<T>,
  db: TDb = ctx.db,
) => inTransaction(db, fn, { ...INGEST_TRANSACTION_LIMITS, isRepeatable: true });

/** The source's User writes in turn: confirming held deactivations takes the same turn as the IdP. */
export const withScimUserWrites = serialised;

/** The User as served: the IdP's document, Gatehouse's id, its groups and meta (with the ETag). */
export function toUserResource(
  ctx: TScimContext,
  row: TUserRow,
  groups: Array<{ id: string; displayName: string }>,
): TScimDoc {
  const doc = Object.fromEntries(
    Object.entries(row.raw).filter(([k]) => !k.startsWith('_') && k !== 'schemas'),
  );
  const hasExtension = Object.keys(doc).some((k) => k.toLowerCase() === ENTERPRISE_SCHEMA.toLowerCase());
  const resource: TScimDoc = {
    schemas: hasExtension ? [USER_SCHEMA, ENTERPRISE_SCHEMA] : [USER_SCHEMA],
    id: row.identityId,
    ...doc,
    ...(groups.length
      ? {
          groups: groups.map((g) => ({
            value: g.id,
            display: g.displayName,
            $ref: `${ctx.baseUrl}/Groups/${g.id}`,
            type: 'direct',
          })),
        }
      : {}),
  };
  resource.meta = {
    resourceType: 'User',
    created: row.createdAt.toISOString(),
    lastModified: row.updatedAt.toISOString(),
    location: `${ctx.baseUrl}/Users/${row.identityId}`,
    version: contentEtag(resource),
  };
  return resource;
}

async function loadUser(ctx: TScimContext, id: string): Promise<{ row: TUserRow; resource: TScimDoc }> {
  const row = UUID.test(id) ? await findUserRow(ctx.db, ctx.sourceId, id) : null;
  if (!row) throw notFound('User', id);
  const groups = (await groupsOf(ctx.db, ctx.sourceId, [row.identityId])).get(row.identityId) ?? [];
  return { row, resource: toUserResource(ctx, row, groups) };
}

export async function getScimUser(ctx: TScimContext, id: string): Promise<TScimDoc> {
  return (await loadUser(ctx, id)).resource;
}

/** `userName eq "x"` (what Okta and Entra ask before every create) is answered by an index lookup. */
function userNameLookup(filter: TFilter | null): string | undefined {
  if (filter?.kind !== 'compare' || filter.op !== 'eq' || typeof filter.value !== 'string') return undefined;
  const p = filter.path;
  const core = !p.schema || p.schema.toLowerCase() === USER_SCHEMA.toLowerCase();
  return core && !p.sub && p.attribute.toLowerCase() === 'username' ? filter.value : undefined;
}

export async function listScimUsers(ctx: TScimContext, q: TListQuery) {
  if (!q.filter && !q.sortBy) {
    // An IdP's import pages through everyone: each page reads and renders that page only.
    const { rows, total } = await listUserPage(ctx.db, ctx.sourceId, q.startIndex - 1, q.count);
    const groups = await groupsOf(
      ctx.db,
      ctx.sourceId,
      rows.map((r) => r.identityId),
    );
    return pagedListResponse(
      'User',
      rows.map((r) => toUserResource(ctx, r, groups.get(r.identityId) ?? [])),
      total,
      q,
    );
  }
  const rows = await listUserRows(ctx.db, ctx.sourceId, { userName: userNameLookup(q.filter) });
  if (rows.length > (ctx.maxScan ?? DEFAULT_MAX_SCAN) && (q.filter || q.sortBy)) {
    throw new ScimError(
      400,
      'tooMany',
      `There are ${rows.length} Users; filter by userName, or page without filter and sortBy`,
    );
  }
  const groups = await groupsOf(
    ctx.db,
    ctx.sourceId,
    rows.map((r) => r.identityId),
  );
  return listResponse(
    'User',
    rows.map((r) => toUserResource(ctx, r, groups.get(r.identityId) ?? [])),
    q,
  );
}

async function assertUserNameFree(ctx: TScimContext, doc: TScimDoc, self: string | null) {
  const userName = scalarText(getIgnoringCase(doc, 'userName'));
  const taken = (await listUserRows(ctx.db, ctx.sourceId, { userName })).some((r) => r.identityId !== self);
  if (taken) throw new ScimError(409, 'uniqueness', `userName "${userName}" is already taken`);
}

/** Checks the record as the ingestion path will read it, so a bad value is a 400, not a 500. */
function checkedRecord(record: TSourceRecord): TSourceRecord {
  const parsed = ZSourceRecord.safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = { email: 'emails', username: 'userName' }[String(issue.path[0])] ?? String(issue.path[0]);
    throw new ScimError(400, 'invalidValue', `${field}: ${issue.message}`);
  }
  // A manager nobody matches is no reason to refuse the User: ingestion keeps it unresolved and visible.
  return record;
}

/**
 * One path in: the SCIM source's record goes through ingestSourceRecords like every other source's.
 * An IdP's write is never refused for ambiguous correlation: the ingestion places it and queues the
 * question (docs/decisions/042).
 */
async function ingest(ctx: TScimContext, record: TSourceRecord, db: TDb = ctx.db): Promise<string> {
  const [outcome] = await ingestSourceRecords(db, { id: ctx.sourceId, origin: 'SCIM' }, [record], {
    queue: ctx.queue,
    now: ctx.now?.(),
  });
  if (!outcome?.identityId) throw new Error(`SCIM record ${record.externalId} was not placed`);
  return outcome.identityId;
}

export async function createScimUser(ctx: TScimContext, body: unknown): Promise<TScimDoc> {
  const doc = storedDocument(readResourceBody('User', body));
  return serialised(ctx, async () => {
    await assertUserNameFree(ctx, doc, null);
    // The IdP deleted this user before and now creates them again: the same person comes back.
    const attributes = mapUserAttributes(doc);
    const deleted = await findDeletedUserRow(ctx.db, ctx.sourceId, {
      userName: scalarText(getIgnoringCase(doc, 'userName')),
      email: attributes.email,
      employeeNumber: attributes.employeeNumber,
    });
    const previous = deleted
      ? Object.fromEntries(Object.entries(deleted.raw).filter(([k]) => k !== DELETED_MARK))
      : null;
    const record = checkedRecord(toSourceRecord(deleted?.externalId ?? crypto.randomUUID(), doc, previous));
    const id = await ingest(ctx, record);
    return getScimUser(ctx, id);
  });
}

export async function replaceScimUser(
  ctx: TScimContext,
  id: string,
  body: unknown,
  ifMatch: string | null,
): Promise<TScimDoc> {
  const doc = storedDocument(readResourceBody('User', body));
  return serialised(ctx, async () => {
    const { row, resource } = await loadUser(ctx, id);
    assertIfMatch(ifMatch, String((resource.meta as { version: string }).version));
    await assertUserNameFree(ctx, doc, row.identityId);
    assertKeepsRequired(doc, row.raw);
    return writeUser(ctx, row, doc, 'PUT', true);
  });
}

/**
 * Applies a PUT or PATCH, unless it deactivates the User inside a burst the guard holds: then the
 * IdP is answered with the User as it asked for it, and nothing changes until an identity admin
 * confirms (docs/decisions/065). A write that sets the User active again closes a held deactivation.
 */
async function writeUser(
  ctx: TScimContext,
  row: TUserRow,
  doc: TScimDoc,
  method: TDeactivationMethod,
  setsActive: boolean,
): Promise<TScimDoc> {
  const record = checkedRecord(toSourceRecord(row.externalId, doc, row.raw));
  const held = await inUserWrite(ctx, async (tx) => {
    if (record.active === false && mapUserAttributes(row.raw).active !== false) {
      if ((await recordDeactivation(ctx, row, method, doc, tx)).isHeld) {
        const groups = (await groupsOf(tx, ctx.sourceId, [row.identityId])).get(row.identityId) ?? [];
        return toUserResource(ctx, { ...row, raw: doc, updatedAt: ctx.now?.() ?? new Date() }, groups);
      }
    } else if (setsActive && record.active === true) {
      await supersedeHeldDeactivation(ctx, row.identityId, tx);
    }
    await ingest(ctx, record, tx);
    return null;
  });
  return held ?? getScimUser(ctx, row.identityId);
}

export async function patchScimUser(
  ctx: TScimContext,
  id: string,
  body: unknown,
  ifMatch: string | null,
): Promise<TScimDoc> {
  const operations = parsePatchRequest('User', body);
  return serialised(ctx, async () => {
    const { row, resource } = await loadUser(ctx, id);
    assertIfMatch(ifMatch, String((resource.meta as { version: string }).version));
    const doc = storedDocument(await applyPatch('User', row.raw, operations));
    if (
      scalarText(getIgnoringCase(doc, 'userName')).toLowerCase() !==
      scalarText(getIgnoringCase(row.raw, 'userName')).toLowerCase()
    ) {
      await assertUserNameFree(ctx, doc, row.identityId);
    }
    assertKeepsRequired(doc, row.raw);
    return writeUser(ctx, row, doc, 'PATCH', patchSetsActive(operations));
  });
}

/**
 * DELETE is a leaver: the record says inactive (the kill switch runs in the ingestion), the User is
 * 404 from now on and leaves its groups. The identity stays, with its history.
 */
export async function deleteScimUser(ctx: TScimContext, id: string, ifMatch: string | null): Promise<void> {
  await serialised(ctx, async () => {
    const { row, resource } = await loadUser(ctx, id);
    assertIfMatch(ifMatch, String((resource.meta as { version: string }).version));
    await inUserWrite(ctx, async (tx) => {
      // A held DELETE is answered 204 like any other; the User stays until an identity admin confirms.
      if (
        mapUserAttributes(row.raw).active !== false &&
        (await recordDeactivation(ctx, row, 'DELETE', null, tx)).isHeld
      )
        return;
      await applyScimDelete(ctx, row, tx);
    });
  });
}

/**
 * The DELETE itself: also what confirming a held DELETE does, inside the source's write lock. The
 * deactivation, the group clean-up and the event commit together (inUserWrite, or the caller's
 * transaction when `db` is one).
 */
export async function applyScimDelete(ctx: TScimContext, row: TUserRow, db: TDb = ctx.db): Promise<void> {
  const now = ctx.now?.() ?? new Date();
  await inUserWrite(
    ctx,
    async (tx) => {
      // On a savepoint of this transaction (ingestSourceRecords nests when given one).
      await ingest(
        ctx,
        { externalId: row.externalId, active: false, raw: { ...row.raw, [DELETED_MARK]: now.toISOString() } },
        tx,
      );
      const groups = await removeMemberEverywhere(tx, ctx.sourceId, row.identityId);
      await recordAuditEvent(tx, {
        actor: systemActor('SCIM'),
        action: 'scim.user_deleted',
        entityType: 'Identity',
        entityId: row.identityId,
        subjectId: row.identityId,
        metadata: { source: ctx.sourceId, externalId: row.externalId, groupsLeft: groups },
      });
    },
    db,
  );
}

/**
 * A User document applied as the IdP sent it, without the guard: what confirming a held PATCH or PUT
 * does, in the confirm's transaction when `db` is one.
 */
export async function applyScimUserDocument(
  ctx: TScimContext,
  row: TUserRow,
  doc: TScimDoc,
  db: TDb = ctx.db,
): Promise<void> {
  await ingest(ctx, checkedRecord(toSourceRecord(row.externalId, doc, row.raw)), db);
}
