import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTERPRISE_SCHEMA, PATCH_OP_SCHEMA, USER_SCHEMA } from '@/server/modules/scim-server/index.ts';
import { createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { scimCaller, startScimServer, type TStartedScimServer } from '@/server/testing/start-scim-server.ts';

let t: TTestContext;
let server: TStartedScimServer;
let scim: ReturnType<typeof scimCaller>;
let managers: [string, string];
beforeAll(async () => {
  t = await createTestContext();
  const admin = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
  server = await startScimServer(t.prisma, t.queue, await t.actor(admin.id));
  scim = scimCaller(server.baseUrl, server.token);
  const boss = async (userName: string) =>
    (
      await scim('POST', '/Users', {
        schemas: [USER_SCHEMA],
        userName,
        emails: [{ value: `${userName}@acme.test` }],
      })
    ).body.id as string;
  managers = [await boss('agree.boss1'), await boss('agree.boss2')];
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

type TDoc = Record<string, unknown>;
const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_OP_SCHEMA], Operations });
const EMPLOYMENT: Record<string, string> = {
  contractor: 'CONTRACTOR',
  employee: 'EMPLOYEE',
  intern: 'INTERN',
};

function fullUser(userName: string): TDoc {
  return {
    schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
    userName,
    name: { givenName: 'Grace', familyName: 'Hopper', formatted: 'Grace Hopper' },
    displayName: 'Amazing Grace',
    title: 'Rear Admiral',
    userType: 'Contractor',
    active: true,
    emails: [
      { type: 'work', value: `${userName}@navy.test`, primary: true },
      { type: 'home', value: `${userName}@home.test` },
    ],
    addresses: [{ type: 'work', locality: 'Arlington' }],
    [ENTERPRISE_SCHEMA]: {
      employeeNumber: `N-${userName}`,
      department: 'Computing',
      costCenter: 'CC-1',
      manager: { value: managers[0] },
    },
  };
}

/** What the person record must say when the User is `r` (RFC 7643 attributes, Gatehouse's mapping). */
function expectedPerson(r: TDoc, username: string) {
  const name = (r.name ?? {}) as TDoc;
  const ext = (r[ENTERPRISE_SCHEMA] ?? {}) as TDoc;
  const emails = (r.emails ?? []) as TDoc[];
  const email =
    emails.find((e) => e.type === 'work') ??
    emails.find((e) => e.primary === true) ??
    emails.find((e) => e.type !== 'home') ??
    emails[0];
  const address = ((r.addresses ?? []) as TDoc[]).find((a) => a.type === 'work');
  const firstName = (name.givenName as string | undefined) ?? '';
  const lastName = (name.familyName as string | undefined) ?? '';
  return {
    firstName,
    lastName,
    displayName: r.displayName ?? name.formatted ?? (`${firstName} ${lastName}`.trim() || username),
    email: (email?.value as string).toLowerCase(),
    title: r.title ?? null,
    location: address?.locality ?? null,
    employmentType: EMPLOYMENT[String(r.userType).toLowerCase()] ?? 'EMPLOYEE',
    employeeNumber: ext.employeeNumber ?? null,
    department: ext.department ?? null,
    costCenter: ext.costCenter ?? null,
    managerId: (ext.manager as TDoc | undefined)?.value ?? null,
    status: r.active === false ? 'TERMINATED' : 'ACTIVE',
  };
}

/** The response, the User read back and the person record all say the same. */
async function expectAgreement(id: string, response: TDoc) {
  const read = (await scim('GET', `/Users/${id}`)).body;
  expect(read).toEqual(response);
  const person = await t.prisma.identity.findUniqueOrThrow({ where: { id } });
  expect(person).toMatchObject(expectedPerson(read, person.username));
}

describe('SCIM PATCH: the User and the person record never disagree', () => {
  const m = () => managers;
  const cases: Array<[string, () => unknown[], (r: TDoc) => void]> = [
    [
      'a path-less replace of name names one sub-attribute; the others stay (RFC 7644 §3.5.2.3)',
      () => [{ op: 'replace', value: { name: { givenName: 'Amazing' } } }],
      (r) =>
        expect(r.name).toEqual({ givenName: 'Amazing', familyName: 'Hopper', formatted: 'Grace Hopper' }),
    ],
    [
      'a replace of name by path keeps what it does not name',
      () => [{ op: 'replace', path: 'name', value: { familyName: 'Murray' } }],
      (r) => expect(r.name).toEqual({ givenName: 'Grace', familyName: 'Murray', formatted: 'Grace Hopper' }),
    ],
    [
      'a sub-attribute path',
      () => [{ op: 'replace', path: 'name.givenName', value: 'Ada' }],
      (r) => expect(r.name).toMatchObject({ givenName: 'Ada', familyName: 'Hopper' }),
    ],
    [
      'a replace with a null sub-attribute removes that one only',
      () => [{ op: 'replace', path: 'name', value: { givenName: 'Bea', familyName: null } }],
      (r) => expect(r.name).toEqual({ givenName: 'Bea', formatted: 'Grace Hopper' }),
    ],
    [
      'an add by path with a null sub-attribute removes that one (null is unassigned, RFC 7643 §2.5)',
      () => [{ op: 'add', path: 'name', value: { givenName: 'Cy', familyName: null } }],
      (r) => expect(r.name).toEqual({ givenName: 'Cy', formatted: 'Grace Hopper' }),
    ],
    [
      'removing the family name and the display names',
      () => [
        { op: 'remove', path: 'name.familyName' },
        { op: 'remove', path: 'name.formatted' },
        { op: 'remove', path: 'displayName' },
      ],
      (r) => expect(r).not.toHaveProperty('displayName'),
    ],
    [
      'a value-filter path (the work email) and a removed work address',
      () => [
        { op: 'replace', path: 'emails[type eq "work"].value', value: 'g.h@navy.test' },
        { op: 'remove', path: 'addresses[type eq "work"]' },
      ],
      (r) => expect(r).not.toHaveProperty('addresses'),
    ],
    [
      'removing the work email leaves the other one',
      () => [{ op: 'remove', path: 'emails[type eq "work"]' }],
      (r) => expect(r.emails).toHaveLength(1),
    ],
    [
      'the enterprise extension replaced by its URN keeps what it does not name',
      () => [
        {
          op: 'replace',
          path: ENTERPRISE_SCHEMA,
          value: { department: 'Research', manager: { value: m()[1] } },
        },
      ],
      (r) =>
        expect(r[ENTERPRISE_SCHEMA]).toMatchObject({
          department: 'Research',
          costCenter: 'CC-1',
          manager: { value: m()[1] },
        }),
    ],
    [
      'a path-less replace of the extension with a null manager and a removed userType',
      () => [
        {
          op: 'replace',
          value: { [ENTERPRISE_SCHEMA]: { manager: null, costCenter: 'CC-2' }, userType: null },
        },
      ],
      (r) => expect(r[ENTERPRISE_SCHEMA]).not.toHaveProperty('manager'),
    ],
    [
      "Entra's shapes: capitalised ops, qualified paths without a path, the manager as a bare id, active as a string",
      () => [
        {
          op: 'Replace',
          value: { [`${ENTERPRISE_SCHEMA}:department`]: 'Treasury', displayName: 'Given Updated' },
        },
        { op: 'Add', path: `${ENTERPRISE_SCHEMA}:manager`, value: m()[1] },
        { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
        { op: 'Replace', path: 'active', value: 'False' },
      ],
      (r) => expect(r.active).toBe(false),
    ],
    [
      "Okta's shapes: a path-less replace of active and of the name",
      () => [{ op: 'replace', value: { active: false, name: { givenName: 'Another' } } }],
      (r) => expect(r.name).toMatchObject({ givenName: 'Another', familyName: 'Hopper' }),
    ],
  ];

  it.each(cases)('%s', async (_what, operations, check) => {
    const userName = `agree.${Math.random().toString(36).slice(2, 10)}`;
    const created = await scim('POST', '/Users', fullUser(userName));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await expectAgreement(id, created.body);
    const patched = await scim('PATCH', `/Users/${id}`, patch(...operations()));
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    check(patched.body);
    await expectAgreement(id, patched.body);
  });

  it('agrees after an Okta-style PUT that drops the enterprise attributes and the display name', async () => {
    const created = await scim('POST', '/Users', fullUser('agree.put'));
    const id = created.body.id as string;
    const put = await scim('PUT', `/Users/${id}`, {
      schemas: [USER_SCHEMA],
      id,
      userName: 'agree.put',
      name: { givenName: 'Another', familyName: 'User' },
      emails: [{ primary: true, value: 'agree.put@okta.test', type: 'work' }],
      active: true,
      groups: [],
    });
    expect(put.status).toBe(200);
    await expectAgreement(id, put.body);
  });

  it.each([
    ['removing every email', [{ op: 'remove', path: 'emails' }]],
    ['removing active', [{ op: 'remove', path: 'active' }]],
    ['a path-less replace that nulls active', [{ op: 'replace', value: { active: null } }]],
  ])('refuses %s (the person record cannot be without it) and changes nothing', async (_what, operations) => {
    const created = await scim(
      'POST',
      '/Users',
      fullUser(`agree.keep${Math.random().toString(36).slice(2, 8)}`),
    );
    const id = created.body.id as string;
    const refused = await scim('PATCH', `/Users/${id}`, patch(...operations));
    expect(refused.body).toMatchObject({ status: '400', scimType: 'invalidValue' });
    await expectAgreement(id, created.body);
  });
});
