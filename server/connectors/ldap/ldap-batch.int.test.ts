import { beforeAll, describe, expect, it } from 'vitest';
import { createTestDirectory, type TTestDirectory } from '@/server/testing/test-ldap.ts';
import { ConnectorError } from '../sdk/connector-error.ts';
import { addGroup, connectorFor, membersOf, type TGroupKind } from '@/server/testing/ldap-fixtures.ts';

let dir: TTestDirectory;
beforeAll(async () => {
  dir = await createTestDirectory();
});

let n = 0;
/** A name the directory cannot take as a DN (the 20,000-character SCIM userName of the issue). */
const impossible = { nativeId: null, username: `en7327-${'x'.repeat(20_000)}` };

describe.each<TGroupKind>(['groupOfNames', 'posixGroup'])('%s: a batch settles per account', (kind) => {
  it('grants and revokes the good accounts of a batch; the bad one fails alone, named', async () => {
    const connector = connectorFor(dir);
    const group = await addGroup(dir, kind, `batch ${kind} ${++n}`);
    const good = [];
    for (let i = 0; i < 3; i++) {
      const username = `b${kind.length}x${++n}`;
      const { nativeId } = await connector.createAccount({
        username,
        attributes: { cn: username },
        enabled: true,
      });
      good.push({ username, nativeId });
    }
    const batch = [good[0]!, impossible, good[1]!, good[2]!];
    const valueOf = (a: { username: string; nativeId: string }) =>
      kind === 'posixGroup' ? a.username : a.nativeId;

    const granted = await connector.grantMany(group, batch);
    expect(granted.filter((r) => !(r instanceof Error))).toEqual([
      { outcome: 'applied' },
      { outcome: 'applied' },
      { outcome: 'applied' },
    ]);
    expect(granted[1]).toBeInstanceOf(ConnectorError);
    expect((granted[1] as ConnectorError).isRetryable).toBe(false);
    expect((granted[1] as Error).message).toMatch(
      /^add uid=en7327-x+… \(20\d\d\d characters\)|^add en7327-x+… \(20007 characters\)/,
    );
    expect((await membersOf(dir, group, kind)).sort()).toEqual(good.map(valueOf).sort());

    // A revoke whose batch the directory refuses as a whole (posixGroup takes the long name as a
    // value, so there it simply is not a member).
    const revoked = await connector.revokeMany(group, batch);
    expect(revoked.filter((r) => !(r instanceof Error) && r.outcome === 'applied')).toHaveLength(3);
    expect(await membersOf(dir, group, kind)).toEqual([]);
    await connector.close();
  });
});
