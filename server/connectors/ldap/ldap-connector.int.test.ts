import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { startSlapd, type TSlapd } from '@/server/infra/slapd.ts';
import {
  describeConnectorConformance,
  type TConformanceTarget,
} from '@/server/testing/connector-conformance.ts';
import type { TLdapConfig } from './ldap-config.ts';
import { sameDn } from './ldap-escape.ts';
import {
  addGroup,
  connectorFor,
  exists,
  membersOf,
  readValues,
  subtree,
} from '@/server/testing/ldap-fixtures.ts';

/**
 * The shared conformance suite against a slapd of this file's own, so the outage case can really
 * stop and restart it without disturbing the run's shared directory.
 */
let slapd: Promise<TSlapd> | undefined;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-ldap-conformance-'));
const dedicatedSlapd = () => (slapd ??= startSlapd({ dir: tmp }));
afterAll(async () => {
  await (await slapd)?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

let counter = 0;

function conformance(disable: TLdapConfig['disable']) {
  return async (): Promise<TConformanceTarget> => {
    const s = await dedicatedSlapd();
    const admin = { url: s.url, bindDn: s.rootDn, bindPassword: s.rootPassword };
    const f = await subtree(
      admin,
      s.suffix,
      `conformance-${disable.method}-${crypto.randomBytes(3).toString('hex')}`,
    );
    const entitlement = await addGroup(f, 'groupOfNames', 'Auditors, EMEA (read-only)');
    const first = async (dn: string, name: string) => {
      const values = await readValues(f, dn, name);
      return values === null || values.length === 0 ? null : values.length === 1 ? values[0]! : values;
    };
    return {
      connector: connectorFor(f, { disable }),
      entitlement,
      // Names that need escaping everywhere, so the suite exercises it on every operation.
      newUsername: () => `c${++counter}, Jr. (Ops)+Zoë`,
      attributesFor: (username) => ({
        cn: `Test ${username}`,
        sn: 'Tester',
        mail: `c${counter}@example.test`,
      }),
      update: { title: 'Auditor' },
      inspect: {
        accountExists: (dn) => exists(f, dn),
        isEnabled: async (dn) => {
          if (disable.method === 'moveToOu')
            return (await exists(f, dn)) && !dn.endsWith(`,ou=disabled,${f.baseDn}`);
          return (await readValues(f, dn, 'pwdAccountLockedTime'))?.length === 0;
        },
        hasGrant: async (dn, ent) => (await membersOf(f, ent, 'groupOfNames')).some((m) => sameDn(m, dn)),
        attribute: first,
      },
      invalidAttributes: { notAnAttributeType: 'refused by the schema' },
      outage: { begin: () => s.stop(), end: () => s.start() },
    };
  };
}

describeConnectorConformance(
  'LDAP (disable by ppolicy lock)',
  conformance({ method: 'lockAttribute', attribute: 'pwdAccountLockedTime', value: '000001010000Z' }),
);
describeConnectorConformance(
  'LDAP (disable by moving to ou=disabled)',
  conformance({ method: 'moveToOu', ou: 'ou=disabled' }),
);
