import { Attribute, Change, NoSuchAttributeError, NoSuchObjectError, AlreadyExistsError, TypeOrValueExistsError, ObjectClassViolationError, type Client, type Entry } from 'ldapts';
import type {
  TAccountRef,
  TAccountResult,
  TAttributes,
  TCapability,
  TConnector,
  TCreateAccountInput,
  TEntitlementRef,
  TPage,
  TTargetAccount,
  TTestResult,
  TWriteResult,
} from '../sdk/connector.ts';
import { ConnectorError } from '../sdk/connector-error.ts';
import { peopleDn, placeholderDn, type TLdapConfig, type TLdapSecrets } from './ldap-config.ts';
import { escapeFilterValue, firstRdnValue, rdn, sameDn } from './ldap-escape.ts';
import { LdapSessionPool } from './ldap-session-pool.ts';

type TGroupType = { attribute: 'member' | 'uniqueMember' | 'memberUid'; byUsername: boolean; needsMember: boolean };

const CAPABILITIES: ReadonlySet<TCapability> = new Set([
  'account.create',
  'account.update',
  'account.disable',
  'account.delete',
  'grant',
  'revoke',
  'list.accounts',
]);

const toValues = (v: string | string[] | null): string[] => (v === null ? [] : Array.isArray(v) ? v : [v]);
const firstString = (v: Entry[string] | undefined): string | undefined => {
  const x = Array.isArray(v) ? v[0] : v;
  return x === undefined ? undefined : Buffer.isBuffer(x) ? x.toString('utf8') : String(x);
};

export class LdapConnector implements TConnector {
  readonly capabilities = CAPABILITIES;
  private readonly pool: LdapSessionPool;
  private readonly groupTypes = new Map<string, TGroupType>();

  constructor(private readonly config: TLdapConfig, secrets: TLdapSecrets) {
    this.pool = new LdapSessionPool(config, secrets);
  }

  accountDn(account: TAccountRef): string {
    return account.nativeId ?? rdn(this.config.usernameAttribute, account.username, peopleDn(this.config));
  }

  async testConnection(): Promise<TTestResult> {
    const { searchEntries } = await this.pool.run('test connection', (c) =>
      c.search(this.config.baseDn, { scope: 'base', filter: '(objectClass=*)', attributes: ['dn'] }),
    );
    return {
      ok: searchEntries.length === 1,
      message: `Bound as ${this.config.bindDn}; base ${this.config.baseDn} ${searchEntries.length === 1 ? 'found' : 'missing'}.`,
    };
  }

  async createAccount(input: TCreateAccountInput): Promise<TAccountResult> {
    const dn = this.accountDn({ nativeId: null, username: input.username });
    const entry: Record<string, string[]> = { objectClass: this.config.accountObjectClasses };
    for (const [key, value] of Object.entries(input.attributes)) {
      const values = toValues(value).filter((v) => v !== '');
      if (values.length) entry[key] = values;
    }
    entry[this.config.usernameAttribute] = [input.username];
    entry.cn ??= [input.username];
    entry.sn ??= [input.username];
    if (input.password) entry.userPassword = [input.password];
    const outcome = await this.pool.run(`create ${dn}`, async (c) => {
      try {
        await c.add(dn, entry);
        return 'applied' as const;
      } catch (error) {
        if (error instanceof AlreadyExistsError) return 'noop' as const;
        throw error;
      }
    });
    if (!input.enabled) await this.disableAccount({ nativeId: dn, username: input.username });
    return { outcome, nativeId: dn };
  }

  async updateAccount(account: TAccountRef, changes: TAttributes): Promise<TAccountResult> {
    const dn = this.accountDn(account);
    const names = Object.keys(changes);
    if (names.length === 0) return { outcome: 'noop', nativeId: dn };
    return this.pool.run(`update ${dn}`, async (c) => {
      const current = await this.readEntry(c, dn, names);
      if (!current) throw new ConnectorError('notFound', `update ${dn}: the account does not exist`);
      const mods = names
        .filter((name) => !sameValues(current[name], toValues(changes[name]!)))
        .map((name) => new Change({ operation: 'replace', modification: new Attribute({ type: name, values: toValues(changes[name]!) }) }));
      if (mods.length === 0) return { outcome: 'noop', nativeId: dn };
      await c.modify(dn, mods);
      return { outcome: 'applied', nativeId: dn };
    });
  }

  async disableAccount(account: TAccountRef): Promise<TAccountResult> {
    const dn = this.accountDn(account);
    const d = this.config.disable;
    if (d.method === 'none') return { outcome: 'noop', nativeId: dn };
    if (d.method === 'moveToOu') {
      const target = rdn(this.config.usernameAttribute, firstRdnValue(dn), `${d.ou},${this.config.baseDn}`);
      if (sameDn(dn, target)) return { outcome: 'noop', nativeId: dn };
      return this.move(dn, target);
    }
    return this.pool.run(`disable ${dn}`, async (c) => {
      const current = await this.readEntry(c, dn, [d.attribute]);
      if (!current) throw new ConnectorError('notFound', `disable ${dn}: the account does not exist`);
      if (current[d.attribute]?.length) return { outcome: 'noop', nativeId: dn };
      await c.modify(dn, [new Change({ operation: 'replace', modification: new Attribute({ type: d.attribute, values: [d.value] }) })]);
      return { outcome: 'applied', nativeId: dn };
    });
  }

  async enableAccount(account: TAccountRef): Promise<TAccountResult> {
    const dn = this.accountDn(account);
    const d = this.config.disable;
    if (d.method === 'none') return { outcome: 'noop', nativeId: dn };
    if (d.method === 'moveToOu') {
      const target = rdn(this.config.usernameAttribute, firstRdnValue(dn), peopleDn(this.config));
      if (sameDn(dn, target)) return { outcome: 'noop', nativeId: dn };
      return this.move(dn, target);
    }
    return this.pool.run(`enable ${dn}`, async (c) => {
      try {
        await c.modify(dn, [new Change({ operation: 'delete', modification: new Attribute({ type: d.attribute, values: [] }) })]);
        return { outcome: 'applied', nativeId: dn };
      } catch (error) {
        if (error instanceof NoSuchAttributeError) return { outcome: 'noop', nativeId: dn };
        throw error;
      }
    });
  }

  async deleteAccount(account: TAccountRef): Promise<TWriteResult> {
    const dn = this.accountDn(account);
    return this.pool.run(`delete ${dn}`, async (c) => {
      try {
        await c.del(dn);
        return { outcome: 'applied' };
      } catch (error) {
        if (error instanceof NoSuchObjectError) return { outcome: 'noop' };
        throw error;
      }
    });
  }

  async grant(account: TAccountRef, entitlement: TEntitlementRef): Promise<TWriteResult> {
    const group = entitlement.externalId;
    return this.pool.run(`add ${this.accountDn(account)} to ${group}`, async (c) => {
      const type = await this.groupType(c, group);
      const value = type.byUsername ? account.username : this.accountDn(account);
      let outcome: TWriteResult['outcome'] = 'applied';
      try {
        await c.modify(group, [new Change({ operation: 'add', modification: new Attribute({ type: type.attribute, values: [value] }) })]);
      } catch (error) {
        if (!(error instanceof TypeOrValueExistsError)) throw error;
        outcome = 'noop';
      }
      if (type.needsMember) {
        // The stand-in member is no longer needed once a real one is there.
        await c
          .modify(group, [new Change({ operation: 'delete', modification: new Attribute({ type: type.attribute, values: [placeholderDn(this.config)] }) })])
          .catch((error: unknown) => {
            if (!(error instanceof NoSuchAttributeError)) throw error;
          });
      }
      return { outcome };
    });
  }

  async revoke(account: TAccountRef, entitlement: TEntitlementRef): Promise<TWriteResult> {
    const group = entitlement.externalId;
    return this.pool.run(`remove ${this.accountDn(account)} from ${group}`, async (c) => {
      let type: TGroupType;
      try {
        type = await this.groupType(c, group);
      } catch (error) {
        // A group that no longer exists holds nobody.
        if (error instanceof ConnectorError && error.kind === 'notFound') return { outcome: 'noop' };
        throw error;
      }
      const value = type.byUsername ? account.username : this.accountDn(account);
      const remove = new Change({ operation: 'delete', modification: new Attribute({ type: type.attribute, values: [value] }) });
      try {
        await c.modify(group, [remove]);
        return { outcome: 'applied' };
      } catch (error) {
        if (error instanceof NoSuchAttributeError || error instanceof NoSuchObjectError) return { outcome: 'noop' };
        if (error instanceof ObjectClassViolationError && type.needsMember) {
          const keep = new Change({ operation: 'add', modification: new Attribute({ type: type.attribute, values: [placeholderDn(this.config)] }) });
          await c.modify(group, [keep, remove]);
          return { outcome: 'applied' };
        }
        throw error;
      }
    });
  }

  async listAccounts(_cursor: string | null, pageSize: number): Promise<TPage<TTargetAccount>> {
    const lock = this.config.disable.method === 'lockAttribute' ? this.config.disable.attribute : null;
    const { searchEntries } = await this.pool.run('list accounts', (c) =>
      c.search(peopleDn(this.config), {
        scope: 'sub',
        filter: '(objectClass=inetOrgPerson)',
        attributes: ['*', ...(lock ? [lock] : [])],
        paged: { pageSize: Math.min(pageSize, this.config.pageSize) },
      }),
    );
    return {
      items: searchEntries.map((e) => ({
        nativeId: e.dn,
        username: firstString(e[this.config.usernameAttribute]) ?? firstRdnValue(e.dn),
        enabled: lock ? !firstString(e[lock]) : true,
        attributes: Object.fromEntries(
          Object.entries(e)
            .filter(([k]) => k !== 'dn' && k !== 'objectClass')
            .map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : String(v)]),
        ),
      })),
      nextCursor: null,
    };
  }

  /** Members of a group as stored (DNs, or usernames for posixGroup). */
  async groupMembers(group: string): Promise<string[]> {
    return this.pool.run(`read ${group}`, async (c) => {
      const type = await this.groupType(c, group);
      const entry = await this.readEntry(c, group, [type.attribute]);
      return (entry?.[type.attribute] ?? []).filter((v) => !sameDn(v, placeholderDn(this.config)));
    });
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private async move(dn: string, target: string): Promise<TAccountResult> {
    return this.pool.run(`move ${dn}`, async (c) => {
      try {
        await c.modifyDN(dn, target);
        return { outcome: 'applied', nativeId: target };
      } catch (error) {
        if (error instanceof NoSuchObjectError && (await this.readEntry(c, target, ['dn']))) return { outcome: 'noop', nativeId: target };
        throw error;
      }
    });
  }

  private async readEntry(c: Client, dn: string, attributes: string[]): Promise<Record<string, string[]> | null> {
    try {
      const { searchEntries } = await c.search(dn, { scope: 'base', filter: '(objectClass=*)', attributes });
      const e = searchEntries[0];
      if (!e) return null;
      return Object.fromEntries(
        Object.entries(e).map(([k, v]) => [k, (Array.isArray(v) ? v : [v]).map((x) => (Buffer.isBuffer(x) ? x.toString('utf8') : String(x)))]),
      );
    } catch (error) {
      if (error instanceof NoSuchObjectError) return null;
      throw error;
    }
  }

  private async groupType(c: Client, group: string): Promise<TGroupType> {
    const cached = this.groupTypes.get(group);
    if (cached) return cached;
    const entry = await this.readEntry(c, group, ['objectClass']);
    if (!entry) throw new ConnectorError('notFound', `group ${group} does not exist`);
    const classes = (entry.objectClass ?? []).map((x) => x.toLowerCase());
    const type: TGroupType | null = classes.includes('groupofnames')
      ? { attribute: 'member', byUsername: false, needsMember: true }
      : classes.includes('groupofuniquenames')
        ? { attribute: 'uniqueMember', byUsername: false, needsMember: true }
        : classes.includes('posixgroup')
          ? { attribute: 'memberUid', byUsername: true, needsMember: false }
          : null;
    if (!type) throw new ConnectorError('invalidConfig', `${group} is not a groupOfNames, groupOfUniqueNames or posixGroup`);
    this.groupTypes.set(group, type);
    return type;
  }
}

function sameValues(current: string[] | undefined, next: string[]): boolean {
  const a = [...(current ?? [])].sort();
  const b = [...next].sort();
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

export { escapeFilterValue };
