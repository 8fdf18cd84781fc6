import { systemActor } from '@/server/auth/actor.ts';
import { inTransaction, type Prisma, type TDb } from '@/server/db/client.ts';
import { isUniqueViolation } from '@/server/db/errors.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { assertIfMatch } from './etag.ts';
import { getIgnoringCase, scalarText } from './filter/evaluate-filter.ts';
import { withKeyLock } from './keyed-lock.ts';
import { listResponse, type TListQuery } from './list-query.ts';
import type { TScimContext } from './scim-context.ts';
import { notFound, ScimError } from './scim-error.ts';
import {
  createGroupRow,
  deleteGroupRow,
  displayNames,
  findGroup,
  listGroups,
  lockGroup,
  updateGroupRow,
  type TGroupRow,
} from './scim-group-store.ts';
import { applyPatch, parsePatchRequest } from './scim-patch.ts';
import { readResourceBody } from './scim-resource.ts';
import { GROUP_SCHEMA, type TScimDoc } from './scim-schemas.ts';
import { liveUserIds } from './scim-user-store.ts';

// A group's writes touch only the database: one undone by a deadlock runs again (inTransaction).
const TX = { timeout: 30_000, maxWait: 10_000, isRepeatable: true } as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const etagOf = (g: TGroupRow) => `W/"${g.version}"`;

/** Groups pushed by the IdP, kept in ScimGroup; members are Users (identity ids). */
export function toGroupResource(
  ctx: TScimContext,
  g: TGroupRow,
  names: ReadonlyMap<string, string>,
): TScimDoc {
  return {
    schemas: [GROUP_SCHEMA],
    id: g.id,
    ...(g.externalId ? { externalId: g.externalId } : {}),
    displayName: g.displayName,
    members: g.memberIds.map((id) => ({
      value: id,
      ...(names.has(id) ? { display: names.get(id) } : {}),
      type: 'User',
      $ref: `${ctx.baseUrl}/Users/${id}`,
    })),
    meta: {
      resourceType: 'Group',
      created: g.createdAt.toISOString(),
      lastModified: g.updatedAt.toISOString(),
      location: `${ctx.baseUrl}/Groups/${g.id}`,
      version: etagOf(g),
    },
  };
}

async function resource(ctx: TScimContext, g: TGroupRow): Promise<TScimDoc> {
  return toGroupResource(ctx, g, await displayNames(ctx.db, g.memberIds));
}

export async function getScimGroup(ctx: TScimContext, id: string): Promise<TScimDoc> {
  const g = UUID.test(id) ? await findGroup(ctx.db, ctx.sourceId, id) : null;
  if (!g) throw notFound('Group', id);
  return resource(ctx, g);
}

export async function listScimGroups(ctx: TScimContext, q: TListQuery) {
  const f = q.filter;
  const byName =
    f?.kind === 'compare' &&
    f.op === 'eq' &&
    typeof f.value === 'string' &&
    !f.path.sub &&
    f.path.attribute.toLowerCase() === 'displayname'
      ? f.value
      : undefined;
  const groups = await listGroups(ctx.db, ctx.sourceId, { displayName: byName });
  const names = await displayNames(ctx.db, [...new Set(groups.flatMap((g) => g.memberIds))]);
  return listResponse(
    'Group',
    groups.map((g) => toGroupResource(ctx, g, names)),
    q,
  );
}

/** displayName, externalId and the member ids of a Group document; every member must be a User here. */
async function groupFields(ctx: TScimContext, db: TDb, doc: TScimDoc, self: string | null) {
  const members = getIgnoringCase(doc, 'members');
  const ids = [
    ...new Set((Array.isArray(members) ? members : []).map((m) => scalarText(getIgnoringCase(m, 'value')))),
  ];
  const bad = ids.filter((id) => !UUID.test(id));
  const live = await liveUserIds(
    db,
    ctx.sourceId,
    ids.filter((id) => UUID.test(id)),
  );
  const unknown = [...bad, ...ids.filter((id) => UUID.test(id) && !live.has(id))];
  if (unknown.length)
    throw new ScimError(
      400,
      'invalidValue',
      `members: ${unknown.slice(0, 5).join(', ')} ${unknown.length === 1 ? 'is not a User' : 'are not Users'}`,
    );
  const externalId = getIgnoringCase(doc, 'externalId');
  const displayName = scalarText(getIgnoringCase(doc, 'displayName'));
  // displayName is caseExact false (RFC 7643 §4.2); the unique index alone would let "payroll" in beside "Payroll".
  if ((await listGroups(db, ctx.sourceId, { displayName })).some((g) => g.id !== self)) {
    throw new ScimError(409, 'uniqueness', `A Group named "${displayName}" already exists`);
  }
  return {
    sourceId: ctx.sourceId,
    displayName,
    externalId: typeof externalId === 'string' ? externalId : null,
    memberIds: ids,
  };
}

function uniqueName<T>(work: Promise<T>, displayName: () => string): Promise<T> {
  return work.catch((error: unknown) => {
    if (isUniqueViolation(error))
      throw new ScimError(409, 'uniqueness', `A Group named "${displayName()}" already exists`);
    throw error;
  });
}

const audit = (
  tx: Prisma.TransactionClient,
  ctx: TScimContext,
  action: 'scim.group_created' | 'scim.group_updated' | 'scim.group_deleted',
  g: { id: string; displayName: string },
  metadata: Record<string, unknown> = {},
) =>
  recordAuditEvent(tx, {
    actor: systemActor('SCIM'),
    action,
    entityType: 'ScimGroup',
    entityId: g.id,
    after: { displayName: g.displayName },
    metadata: { source: ctx.sourceId, ...metadata },
  });

export async function createScimGroup(ctx: TScimContext, body: unknown): Promise<TScimDoc> {
  const doc = readResourceBody('Group', body);
  let displayName = '';
  const g = await uniqueName(
    inTransaction(
      ctx.db,
      async (tx) => {
        const fields = await groupFields(ctx, tx, doc, null);
        displayName = fields.displayName;
        const row = await createGroupRow(tx, fields);
        await audit(tx, ctx, 'scim.group_created', row, { members: row.memberIds.length });
        return row;
      },
      TX,
    ),
    () => displayName,
  );
  return resource(ctx, g);
}

/** PUT and PATCH: the row is locked while the change is worked out, then written with version + 1. */
async function changeGroup(
  ctx: TScimContext,
  id: string,
  ifMatch: string | null,
  change: (current: TGroupRow) => Promise<TScimDoc>,
): Promise<TScimDoc> {
  if (!UUID.test(id)) throw notFound('Group', id);
  let displayName = '';
  // One change per group at a time in this process, so waiting PATCHes do not each hold a connection.
  const g = await withKeyLock(`scim-group:${id}`, () =>
    uniqueName(
      inTransaction(
        ctx.db,
        async (tx) => {
          const current = await lockGroup(tx, ctx.sourceId, id);
          if (!current) throw notFound('Group', id);
          assertIfMatch(ifMatch, etagOf(current));
          const fields = await groupFields(ctx, tx, await change(current), id);
          displayName = fields.displayName;
          const same =
            fields.displayName === current.displayName &&
            fields.externalId === current.externalId &&
            fields.memberIds.join() === current.memberIds.join();
          if (same) return current;
          const added = fields.memberIds.filter((m) => !current.memberIds.includes(m));
          const removed = current.memberIds.filter((m) => !fields.memberIds.includes(m));
          const row = await updateGroupRow(tx, id, fields);
          await audit(tx, ctx, 'scim.group_updated', row, { added, removed });
          return row;
        },
        TX,
      ),
      () => displayName,
    ),
  );
  return resource(ctx, g);
}

export function replaceScimGroup(
  ctx: TScimContext,
  id: string,
  body: unknown,
  ifMatch: string | null,
): Promise<TScimDoc> {
  const doc = readResourceBody('Group', body);
  return changeGroup(ctx, id, ifMatch, async () => doc);
}

export function patchScimGroup(
  ctx: TScimContext,
  id: string,
  body: unknown,
  ifMatch: string | null,
): Promise<TScimDoc> {
  const operations = parsePatchRequest('Group', body);
  return changeGroup(ctx, id, ifMatch, (current) =>
    applyPatch(
      'Group',
      {
        schemas: [GROUP_SCHEMA],
        displayName: current.displayName,
        ...(current.externalId ? { externalId: current.externalId } : {}),
        members: current.memberIds.map((value) => ({ value })),
      },
      operations,
    ),
  );
}

export async function deleteScimGroup(ctx: TScimContext, id: string, ifMatch: string | null): Promise<void> {
  if (!UUID.test(id)) throw notFound('Group', id);
  await inTransaction(
    ctx.db,
    async (tx) => {
      const current = await lockGroup(tx, ctx.sourceId, id);
      if (!current) throw notFound('Group', id);
      assertIfMatch(ifMatch, etagOf(current));
      await deleteGroupRow(tx, id);
      await audit(tx, ctx, 'scim.group_deleted', current);
    },
    TX,
  );
}
