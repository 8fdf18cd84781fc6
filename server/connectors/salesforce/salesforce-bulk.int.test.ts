import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TCreateAccountInput } from '../sdk/connector.ts';
import {
  newUsername,
  startSalesforceKit,
  userAttributes,
  type TSalesforceKit,
} from '@/server/testing/salesforce-emulator/salesforce-testing.ts';

const input = (
  username: string,
  extra: Record<string, string | null> = {},
  enabled = true,
): TCreateAccountInput => ({
  username,
  attributes: userAttributes(username, extra),
  enabled,
});

describe('Salesforce bulk user loads (emulated org)', () => {
  let kit: TSalesforceKit;
  beforeAll(async () => {
    kit = await startSalesforceKit();
  });
  afterAll(() => kit.close());
  const paths = () => kit.emulator.requests.map((r) => `${r.method} ${r.path}`);

  it('loads more than 2,000 users through one Bulk API 2.0 job and reports each record', async () => {
    const existing = newUsername('existing');
    const { nativeId: existingId } = await kit.connector.createAccount(input(existing));
    const foreign = newUsername('foreign');
    kit.emulator.org.foreignUsernames.add(foreign.toLowerCase());

    const inputs = Array.from({ length: 2_100 }, (_, i) => input(newUsername(`bulk${i}`), {}, i % 500 !== 7));
    inputs[10] = input(newUsername('nolastname'), { LastName: null });
    inputs[20] = input(newUsername('badzone'), { TimeZoneSidKey: 'Mars/Olympus' });
    inputs[30] = input(existing);
    inputs[40] = input(foreign);
    inputs[50] = { ...inputs[49]! };
    const mark = kit.emulator.requests.length;
    const results = await kit.connector.createAccountsBulk(inputs);

    expect(results).toHaveLength(2_100);
    const sent = paths().slice(mark);
    expect(sent.filter((p) => p.endsWith('/jobs/ingest'))).toHaveLength(1);
    expect(sent.some((p) => p.includes('/composite/sobjects'))).toBe(false);

    expect(results[10]).toMatchObject({ error: { kind: 'invalidAttribute' } });
    expect((results[10] as { error: Error }).error.message).toContain('REQUIRED_FIELD_MISSING');
    expect(results[20]).toMatchObject({ error: { kind: 'invalidAttribute' } });
    expect((results[20] as { error: Error }).error.message).toContain('Mars/Olympus');
    expect(results[30]).toEqual({ username: existing, outcome: 'noop', nativeId: existingId });
    expect(results[40]).toMatchObject({ username: foreign, error: { kind: 'conflict' } });
    expect(results[50]).toMatchObject({ error: { kind: 'conflict' } });
    expect((results[50] as { error: Error }).error.message).toContain('more than once');

    const failedIndexes = new Set([10, 20, 30, 40, 50]);
    const applied = results.filter((r, i) => !failedIndexes.has(i));
    expect(applied.every((r) => 'outcome' in r && r.outcome === 'applied')).toBe(true);
    for (const [i, r] of results.entries()) {
      if (!('outcome' in r) || r.outcome !== 'applied') continue;
      const user = kit.emulator.org.find('User', r.nativeId)!;
      expect(user.Username).toBe(inputs[i]!.attributes.Username);
      expect(user.IsActive).toBe(inputs[i]!.enabled);
    }

    // A page larger than one query batch (2,000 rows) is assembled from nextRecordsUrl.
    const before = kit.emulator.requests.length;
    const page = await kit.connector.listAccounts(null, 2_050);
    expect(page.items).toHaveLength(2_050);
    expect(page.nextCursor).not.toBeNull();
    expect(
      paths()
        .slice(before)
        .filter((p) => /\/query\/01g/.test(p)),
    ).toHaveLength(1);
  });

  it('loads up to the threshold through sObject Collections, 200 records per call', async () => {
    const inputs = Array.from({ length: 250 }, (_, i) => input(newUsername(`coll${i}`)));
    inputs[3] = input(newUsername('badmail'), { Email: 'not-an-address' });
    const mark = kit.emulator.requests.length;
    const results = await kit.connector.createAccountsBulk(inputs);
    const sent = paths().slice(mark);
    expect(sent.filter((p) => p.endsWith('/composite/sobjects'))).toHaveLength(2);
    expect(sent.some((p) => p.includes('/jobs/ingest'))).toBe(false);
    expect(results[3]).toMatchObject({ error: { kind: 'invalidAttribute' } });
    expect((results[3] as { error: Error }).error.message).toContain('INVALID_EMAIL_ADDRESS');
    expect(results.filter((r) => 'outcome' in r && r.outcome === 'applied')).toHaveLength(249);

    const again = await kit.connector.createAccountsBulk(inputs.slice(0, 5));
    expect(again.map((r) => ('outcome' in r ? r.outcome : r.error.kind))).toEqual([
      'noop',
      'noop',
      'noop',
      'invalidAttribute',
      'noop',
    ]);
  });
});
