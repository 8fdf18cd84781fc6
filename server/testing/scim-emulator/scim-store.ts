import crypto from 'node:crypto';
import SCIMMY from 'scimmy';

// scimmy itself passes a null scimType when none applies; its typings ask for a string.
export const scimError = (status: number, scimType: string | null, detail: string) =>
  new SCIMMY.Types.Error(status, scimType as string, detail);

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

type TRecord = Record<string, unknown> & { id: string };
export type TExactMatch = { attribute: string; value: string };
/** What the router's `context` hands each handler: this server's data, and a filter scimmy could not parse. */
export type TScimContext = { store: TestScimStore; exactMatch?: TExactMatch };

/**
 * The in-memory data behind one test SCIM server. SCIMMY's resource declarations are process-wide,
 * so every server shares one set of handlers and finds its own store in the request context.
 */
export class TestScimStore {
  readonly users = new Map<string, TRecord>();
  readonly groups = new Map<string, TRecord>();
  private clock = 0;

  /** meta.version as RFC 7644 §3.14 shows it: a weak ETag that changes with every write. */
  version(kind: 'users' | 'groups', id: string): string | null {
    const meta = this[kind].get(id)?.meta as { version?: string } | undefined;
    return meta?.version ?? null;
  }

  /** A change by someone else, so the client's ETag goes stale. */
  touch(kind: 'users' | 'groups', id: string): void {
    const record = this[kind].get(id);
    if (record) this[kind].set(id, this.stamp(record));
  }

  createGroup(displayName: string): string {
    const id = crypto.randomUUID();
    this.groups.set(id, this.stamp({ id, displayName, members: [] }));
    return id;
  }

  memberIds(groupId: string): string[] {
    const members = (this.groups.get(groupId)?.members ?? []) as Array<{ value: string }>;
    return members.map((m) => m.value);
  }

  write(kind: 'users' | 'groups', id: string | undefined, data: Record<string, unknown>): TRecord {
    const { meta: _meta, id: _id, schemas: _schemas, password: _password, ...attributes } = data;
    const existing = id ? this[kind].get(id) : undefined;
    if (id && !existing) throw scimError(404, null, `Resource ${id} not found`);
    if (kind === 'users') this.assertUniqueUserName(text(attributes.userName), id);
    if (kind === 'groups') attributes.members = this.checkedMembers(attributes.members);
    const created = (existing?.meta as { created?: string } | undefined)?.created;
    const record = this.stamp({ ...attributes, id: id ?? crypto.randomUUID() }, created);
    this[kind].set(record.id, record);
    return record;
  }

  read(
    kind: 'users' | 'groups',
    id: string | undefined,
    filter: SCIMMY.Types.Filter | undefined,
    exact?: TExactMatch,
  ): TRecord | TRecord[] {
    if (id) {
      const record = this[kind].get(id);
      if (!record) throw scimError(404, null, `Resource ${id} not found`);
      return structuredClone(record);
    }
    let all = [...this[kind].values()].map((r) => structuredClone(r));
    // userName is caseExact false (RFC 7643 §4.1.1), and so is this stand-in for scimmy's filter.
    if (exact) all = all.filter((r) => text(r[exact.attribute]).toLowerCase() === exact.value.toLowerCase());
    return filter ? filter.match(all) : all;
  }

  remove(kind: 'users' | 'groups', id: string | undefined): void {
    if (!id || !this[kind].delete(id)) throw scimError(404, null, `Resource ${id} not found`);
    if (kind === 'users') {
      for (const group of this.groups.values()) {
        const members = (group.members ?? []) as Array<{ value: string }>;
        if (members.some((m) => m.value === id))
          this.groups.set(group.id, this.stamp({ ...group, members: members.filter((m) => m.value !== id) }));
      }
    }
  }

  private stamp(record: TRecord, created?: string): TRecord {
    const now = new Date().toISOString();
    return {
      ...record,
      meta: { created: created ?? now, lastModified: now, version: `W/"${++this.clock}"` },
    };
  }

  private assertUniqueUserName(userName: string, id: string | undefined) {
    const taken = [...this.users.values()].some(
      (u) => u.id !== id && text(u.userName).toLowerCase() === userName.toLowerCase(),
    );
    if (taken) throw scimError(409, 'uniqueness', `userName "${userName}" is already taken`);
  }

  /** Like most servers: members must exist, and each appears once however often it was added. */
  private checkedMembers(members: unknown): Array<{ value: string; type: string; display?: string }> {
    const out = new Map<string, { value: string; type: string; display?: string }>();
    for (const m of Array.isArray(members) ? (members as Array<{ value?: string }>) : []) {
      const user = m.value ? this.users.get(m.value) : undefined;
      if (!user) throw scimError(400, 'invalidValue', `member ${m.value} is not a user`);
      out.set(user.id, { value: user.id, type: 'User', display: text(user.userName) });
    }
    return [...out.values()];
  }
}

let declared = false;

/** Declares Users (with the enterprise extension) and Groups once per process. */
export function declareScimResources(): void {
  if (declared) return;
  declared = true;
  const plain = (v: unknown) => JSON.parse(JSON.stringify(v)) as Record<string, unknown>;
  const ctxOf = (ctx: unknown) => ctx as TScimContext;
  SCIMMY.Resources.declare(SCIMMY.Resources.User.extend(SCIMMY.Schemas.EnterpriseUser, false))
    .ingress(
      (resource, instance, ctx) => ctxOf(ctx).store.write('users', resource.id, plain(instance)) as never,
    )
    .egress(
      (resource, ctx) =>
        ctxOf(ctx).store.read('users', resource.id, resource.filter, ctxOf(ctx).exactMatch) as never,
    )
    .degress((resource, ctx) => ctxOf(ctx).store.remove('users', resource.id));
  SCIMMY.Resources.declare(SCIMMY.Resources.Group)
    .ingress(
      (resource, instance, ctx) => ctxOf(ctx).store.write('groups', resource.id, plain(instance)) as never,
    )
    .egress(
      (resource, ctx) =>
        ctxOf(ctx).store.read('groups', resource.id, resource.filter, ctxOf(ctx).exactMatch) as never,
    )
    .degress((resource, ctx) => ctxOf(ctx).store.remove('groups', resource.id));
}
