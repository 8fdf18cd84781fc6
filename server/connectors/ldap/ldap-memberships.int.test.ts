import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDirectory, type TTestDirectory } from '@/server/testing/test-ldap.ts';
import { ConnectorError } from '../sdk/connector-error.ts';
import { canonicalDn } from './ldap-escape.ts';
import {
  addGroup,
  canBind,
  connectorFor,
  exists,
  membersOf,
  readValues,
  type TGroupKind,
} from '@/server/testing/ldap-fixtures.ts';

let dir: TTestDirectory;
beforeAll(async () => {
  dir = await createTestDirectory();
});

let n = 0;
const person = async (connector: ReturnType<typeof connectorFor>, password = 'pw-1') => {
  const username = `m${++n}`;
  const { nativeId } = await connector.createAccount({
    username,
    attributes: { cn: username },
    enabled: true,
    password,
  });
  return { username, nativeId, password };
};

describe.each<TGroupKind>(['groupOfNames', 'groupOfUniqueNames', 'posixGroup'])('%s memberships', (kind) => {
  const valueOf = (a: { username: string; nativeId: string }) =>
    kind === 'posixGroup' ? a.username : a.nativeId;

  it('grants and revokes idempotently, keeping the stand-in for the last member', async () => {
    const connector = connectorFor(dir);
    const group = await addGroup(dir, kind, `${kind} ${++n}`);
    const [a, b] = [await person(connector), await person(connector)];
    expect(await connector.grant(a, group)).toEqual({ outcome: 'applied' });
    expect(await connector.grant(a, group)).toEqual({ outcome: 'noop' });
    expect(await connector.grant(b, group)).toEqual({ outcome: 'applied' });
    expect((await membersOf(dir, group, kind)).sort()).toEqual([valueOf(a), valueOf(b)].sort());
    if (kind !== 'posixGroup') {
      // The stand-in left with the first real member.
      const raw = await readValues(
        dir,
        group.externalId,
        kind === 'groupOfNames' ? 'member' : 'uniqueMember',
      );
      expect(raw).toHaveLength(2);
    }
    expect(await connector.revoke(a, group)).toEqual({ outcome: 'applied' });
    expect(await connector.revoke(b, group)).toEqual({ outcome: 'applied' });
    expect(await connector.revoke(b, group)).toEqual({ outcome: 'noop' });
    expect(await membersOf(dir, group, kind)).toEqual([]);
    if (kind !== 'posixGroup') {
      const raw = await readValues(
        dir,
        group.externalId,
        kind === 'groupOfNames' ? 'member' : 'uniqueMember',
      );
      expect(raw?.map(canonicalDn)).toEqual([`cn=nobody,${dir.baseDn}`]);
    }
    await connector.close();
  });

  it('follows a rename and a move to the disabled OU and back, and a delete leaves the group', async () => {
    const connector = connectorFor(dir, { disable: { method: 'moveToOu', ou: 'ou=disabled' } });
    const group = await addGroup(dir, kind, `${kind} ${++n}`);
    const a = await person(connector);
    await connector.grant(a, group);

    const renamed = await connector.renameAccount(a, `${a.username}-renamed`);
    expect(renamed).toEqual({
      outcome: 'applied',
      nativeId: `uid=${a.username}-renamed,ou=people,${dir.baseDn}`,
    });
    let current = { username: `${a.username}-renamed`, nativeId: renamed.nativeId };
    expect(await membersOf(dir, group, kind)).toEqual([valueOf(current)]);

    const disabled = await connector.disableAccount(current);
    expect(disabled.nativeId).toBe(`uid=${current.username},ou=disabled,${dir.baseDn}`);
    current = { ...current, nativeId: disabled.nativeId };
    expect(await membersOf(dir, group, kind)).toEqual([valueOf(current)]);

    const enabled = await connector.enableAccount(current);
    current = { ...current, nativeId: enabled.nativeId };
    expect(current.nativeId).toBe(`uid=${current.username},ou=people,${dir.baseDn}`);
    expect(await membersOf(dir, group, kind)).toEqual([valueOf(current)]);

    expect(await connector.deleteAccount(current)).toEqual({ outcome: 'applied' });
    expect(await membersOf(dir, group, kind)).toEqual([]);
    await connector.close();
  });
});

describe('accounts', () => {
  it('renames idempotently: the same name again is a noop, a retry after the move finds it done', async () => {
    const connector = connectorFor(dir);
    const a = await person(connector);
    expect(await connector.renameAccount(a, a.username)).toEqual({ outcome: 'noop', nativeId: a.nativeId });
    const renamed = await connector.renameAccount(a, `${a.username}x`);
    expect(renamed.outcome).toBe('applied');
    // The job that renamed it died before recording the new DN: the retry still holds the old one.
    expect(await connector.renameAccount(a, `${a.username}x`)).toEqual({
      outcome: 'noop',
      nativeId: renamed.nativeId,
    });
    expect(await exists(dir, a.nativeId)).toBe(false);
    expect(await readValues(dir, renamed.nativeId, 'uid')).toEqual([`${a.username}x`]);
    await connector.close();
  });

  it('refuses to rename onto an existing account, permanently', async () => {
    const connector = connectorFor(dir);
    const [a, b] = [await person(connector), await person(connector)];
    const error = await connector.renameAccount(a, b.username).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'conflict', isRetryable: false });
    await connector.close();
  });

  it('locks a disabled account out of binding with ppolicy, and lets it in again when enabled', async () => {
    const connector = connectorFor(dir);
    const a = await person(connector);
    expect(await canBind(dir.config.url, a.nativeId, a.password)).toBe(true);
    await connector.disableAccount(a);
    expect(await readValues(dir, a.nativeId, 'pwdAccountLockedTime')).toEqual(['000001010000Z']);
    expect(await canBind(dir.config.url, a.nativeId, a.password)).toBe(false);
    await connector.enableAccount(a);
    expect(await canBind(dir.config.url, a.nativeId, a.password)).toBe(true);
    await connector.close();
  });

  it('does not create a second account for one parked in the disabled OU', async () => {
    const connector = connectorFor(dir, { disable: { method: 'moveToOu', ou: 'ou=disabled' } });
    const username = `m${++n}`;
    const created = await connector.createAccount({ username, attributes: {}, enabled: false });
    expect(created.nativeId).toBe(`uid=${username},ou=disabled,${dir.baseDn}`);
    expect(await connector.createAccount({ username, attributes: {}, enabled: true })).toEqual({
      outcome: 'noop',
      nativeId: created.nativeId,
    });
    expect(await exists(dir, `uid=${username},ou=people,${dir.baseDn}`)).toBe(false);
    await connector.close();
  });

  it('does not add a membership for an account that does not exist', async () => {
    const connector = connectorFor(dir);
    const group = await addGroup(dir, 'groupOfNames', `ghosts ${++n}`);
    const error = await connector
      .grant({ nativeId: null, username: 'nobody-here' }, group)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ kind: 'notFound' });
    expect(await membersOf(dir, group, 'groupOfNames')).toEqual([]);
    await connector.close();
  });

  it('compares attribute names case-insensitively, so a repeated update is a noop', async () => {
    const connector = connectorFor(dir);
    const a = await person(connector);
    expect((await connector.updateAccount(a, { givenname: 'Ann', TITLE: ['x', 'y'] })).outcome).toBe(
      'applied',
    );
    expect((await connector.updateAccount(a, { givenname: 'Ann', TITLE: ['y', 'x'] })).outcome).toBe('noop');
    expect((await connector.updateAccount(a, { title: null })).outcome).toBe('applied');
    expect(await readValues(dir, a.nativeId, 'title')).toEqual([]);
    await connector.close();
  });
});
