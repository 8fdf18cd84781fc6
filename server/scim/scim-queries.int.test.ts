import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTERPRISE_SCHEMA, PATCH_OP_SCHEMA, USER_SCHEMA } from '@/server/modules/scim-server/index.ts';
import { createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { scimCaller, startScimServer, type TStartedScimServer } from '@/server/testing/start-scim-server.ts';

let t: TTestContext;
let server: TStartedScimServer;
let scim: ReturnType<typeof scimCaller>;
const ids: Record<string, string> = {};

const people = [
  {
    userName: 'q.ada',
    title: 'Engineer',
    dept: 'R&D',
    email: 'ada@work.test',
    home: 'ada@home.test',
    active: true,
  },
  {
    userName: 'q.bob',
    title: 'Senior Engineer',
    dept: 'R&D',
    email: 'bob@work.test',
    home: null,
    active: false,
  },
  {
    userName: 'q.cy',
    title: 'Analyst',
    dept: 'Finance',
    email: 'cy@work.test',
    home: 'cy@home.test',
    active: true,
  },
  { userName: 'q.dee', title: null, dept: 'Finance', email: 'dee@other.test', home: null, active: true },
  {
    userName: 'q.quote"d\\',
    title: 'Analyst',
    dept: 'Sales',
    email: 'quoted@work.test',
    home: null,
    active: true,
  },
];

beforeAll(async () => {
  t = await createTestContext();
  const admin = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
  server = await startScimServer(t.prisma, t.queue, await t.actor(admin.id), { maxScan: 10 });
  scim = scimCaller(server.baseUrl, server.token);
  for (const p of people) {
    const created = await scim('POST', '/Users', {
      schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
      userName: p.userName,
      name: { givenName: p.userName.slice(2, 5), familyName: 'Query' },
      title: p.title,
      active: p.active,
      emails: [
        { type: 'work', value: p.email, primary: true },
        ...(p.home ? [{ type: 'home', value: p.home }] : []),
      ],
      [ENTERPRISE_SCHEMA]: { department: p.dept },
    });
    expect(created.status).toBe(201);
    ids[p.userName] = created.body.id as string;
  }
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

const names = async (query: string) => {
  const r = await scim('GET', `/Users?${query}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return (r.body.Resources ?? []).map((u) => u.userName as string);
};
const filtered = (filter: string) => names(`filter=${encodeURIComponent(filter)}&sortBy=userName`);

describe('SCIM server: filters over HTTP', () => {
  it.each([
    ['userName eq "Q.ADA"', ['q.ada']],
    ['userName ne "q.ada"', ['q.bob', 'q.cy', 'q.dee', 'q.quote"d\\']],
    ['title co "engineer"', ['q.ada', 'q.bob']],
    ['title sw "Senior"', ['q.bob']],
    ['userName ew "y"', ['q.cy']],
    ['title pr', ['q.ada', 'q.bob', 'q.cy', 'q.quote"d\\']],
    ['userName gt "q.cy"', ['q.dee', 'q.quote"d\\']],
    ['userName ge "q.cy"', ['q.cy', 'q.dee', 'q.quote"d\\']],
    ['userName lt "q.bob"', ['q.ada']],
    ['userName le "q.bob"', ['q.ada', 'q.bob']],
    ['active eq false', ['q.bob']],
    [
      'title co "Analyst" and urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "Finance"',
      ['q.cy'],
    ],
    ['userName eq "q.ada" or userName eq "q.dee"', ['q.ada', 'q.dee']],
    ['not (title pr)', ['q.dee']],
    ['not (title co "Engineer" or active eq false)', ['q.cy', 'q.dee', 'q.quote"d\\']],
    ['(title co "Engineer" or title co "Analyst") and active eq true', ['q.ada', 'q.cy', 'q.quote"d\\']],
    ['emails[type eq "work" and value ew "@work.test"]', ['q.ada', 'q.bob', 'q.cy', 'q.quote"d\\']],
    ['emails[type eq "home"]', ['q.ada', 'q.cy']],
    ['emails[type eq "work"].value eq "dee@other.test"', ['q.dee']],
    ['emails.value co "@home"', ['q.ada', 'q.cy']],
    ['userName eq "q.quote\\"d\\\\"', ['q.quote"d\\']],
    ['meta.created gt "2000-01-01T00:00:00Z"', ['q.ada', 'q.bob', 'q.cy', 'q.dee', 'q.quote"d\\']],
    ['meta.lastModified lt "2000-01-01T00:00:00Z"', []],
  ])('%s', async (filter, expected) => {
    expect(await filtered(filter)).toEqual(expected);
  });

  it('sorts by any attribute, both ways, unassigned values last', async () => {
    expect(await names('sortBy=title&sortOrder=ascending')).toEqual([
      'q.cy',
      'q.quote"d\\',
      'q.ada',
      'q.bob',
      'q.dee',
    ]);
    expect((await names('sortBy=title&sortOrder=descending')).slice(0, 2)).toEqual(['q.bob', 'q.ada']);
    expect(await names('sortBy=emails&sortOrder=ascending')).toEqual([
      'q.ada',
      'q.bob',
      'q.cy',
      'q.dee',
      'q.quote"d\\',
    ]);
    expect(
      await names(
        `sortBy=${ENTERPRISE_SCHEMA}:department&filter=${encodeURIComponent('userName sw "q.c" or userName sw "q.b"')}`,
      ),
    ).toEqual(['q.cy', 'q.bob']);
  });

  it('pages with startIndex and count (1-based; count 0 only counts)', async () => {
    const page = await scim('GET', '/Users?sortBy=userName&startIndex=2&count=2');
    expect(page.body).toMatchObject({ totalResults: 5, startIndex: 2, itemsPerPage: 2 });
    expect(page.body.Resources!.map((u) => u.userName)).toEqual(['q.bob', 'q.cy']);
    expect((await scim('GET', '/Users?count=0')).body).toMatchObject({
      totalResults: 5,
      itemsPerPage: 0,
      Resources: [],
    });
    expect((await scim('GET', '/Users?startIndex=0&count=1&sortBy=userName')).body).toMatchObject({
      startIndex: 1,
      Resources: [{ userName: 'q.ada' }],
    });
    expect((await scim('GET', '/Users?startIndex=99')).body).toMatchObject({
      totalResults: 5,
      itemsPerPage: 0,
    });
    // Without filter or sortBy, pages come from the database in creation order: each User once.
    const all = (await scim('GET', '/Users')).body.Resources!.map((u) => u.userName);
    const paged: unknown[] = [];
    for (const start of [1, 3, 5]) {
      const p = await scim('GET', `/Users?startIndex=${start}&count=2`);
      expect(p.body).toMatchObject({ totalResults: 5, startIndex: start });
      paged.push(...p.body.Resources!.map((u) => u.userName));
    }
    expect(paged).toEqual(all);
    expect(new Set(paged).size).toBe(5);
  });

  it('returns only the attributes asked for, or all but the excluded ones', async () => {
    const only = await scim(
      'GET',
      `/Users?filter=${encodeURIComponent('userName eq "q.ada"')}&attributes=emails.value,name.givenName`,
    );
    expect(only.body.Resources).toEqual([
      {
        schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
        id: ids['q.ada'],
        emails: [{ value: 'ada@work.test' }, { value: 'ada@home.test' }],
        name: { givenName: 'ada' },
      },
    ]);
    const without = await scim(
      'GET',
      `/Users?filter=${encodeURIComponent('userName eq "q.ada"')}&excludedAttributes=emails,name.familyName,meta`,
    );
    const [ada] = without.body.Resources!;
    expect(ada).toMatchObject({ id: ids['q.ada'], userName: 'q.ada', name: { givenName: 'ada' } });
    expect(ada).not.toHaveProperty('emails');
    expect(ada).not.toHaveProperty('meta');
    expect(ada!.name).not.toHaveProperty('familyName');
  });

  it('refuses bad filters with invalidFilter, and a filter over more Users than it will scan with tooMany', async () => {
    for (const bad of [
      'userName eq "x" and',
      'emails[type eq "work"',
      'title gt',
      'active lt true',
      '(userName pr',
    ]) {
      expect((await scim('GET', `/Users?filter=${encodeURIComponent(bad)}`)).body, bad).toMatchObject({
        status: '400',
        scimType: 'invalidFilter',
      });
    }
    for (let i = 0; i < 6; i++)
      await scim('POST', '/Users', {
        schemas: [USER_SCHEMA],
        userName: `q.more${i}`,
        emails: [{ value: `more${i}@work.test` }],
      });
    expect((await scim('GET', '/Users?filter=title%20pr')).body).toMatchObject({
      status: '400',
      scimType: 'tooMany',
    });
    // userName eq is an index lookup, never a scan.
    expect(
      (await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "q.more1"')}`)).body.totalResults,
    ).toBe(1);
  });
});

describe('SCIM server: PATCH paths and errors', () => {
  const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_OP_SCHEMA], Operations });

  it('adds, replaces and removes by path, including value filters', async () => {
    const id = ids['q.ada']!;
    const r = await scim(
      'PATCH',
      `/Users/${id}`,
      patch(
        { op: 'add', path: 'nickName', value: 'Countess' },
        { op: 'replace', path: 'emails[type eq "home"].value', value: 'ada@new-home.test' },
        { op: 'remove', path: 'emails[type eq "work"]' },
        { op: 'add', path: 'emails', value: [{ type: 'work', value: 'ada.l@work.test' }] },
        { op: 'replace', path: `${ENTERPRISE_SCHEMA}:department`, value: 'Research' },
      ),
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ nickName: 'Countess', [ENTERPRISE_SCHEMA]: { department: 'Research' } });
    expect(r.body.emails).toEqual([
      { type: 'home', value: 'ada@new-home.test' },
      { type: 'work', value: 'ada.l@work.test' },
    ]);
    expect(await t.prisma.identity.findUniqueOrThrow({ where: { id } })).toMatchObject({
      email: 'ada.l@work.test',
      department: 'Research',
    });
    const removed = await scim(
      'PATCH',
      `/Users/${id}`,
      patch({ op: 'remove', path: 'nickName' }, { op: 'remove', path: `${ENTERPRISE_SCHEMA}:department` }),
    );
    expect(removed.body).not.toHaveProperty('nickName');
    expect((await t.prisma.identity.findUniqueOrThrow({ where: { id } })).department).toBeNull();
  });

  it.each([
    ['an unknown op', patch({ op: 'merge', path: 'title', value: 'x' }), 'invalidSyntax'],
    [
      'a schemas list without PatchOp',
      { schemas: [USER_SCHEMA], Operations: [{ op: 'replace', path: 'title', value: 'x' }] },
      'invalidSyntax',
    ],
    ['no operations', patch(), 'invalidValue'],
    ['an unknown attribute', patch({ op: 'replace', path: 'favouriteColour', value: 'x' }), 'invalidPath'],
    ['a read-only attribute', patch({ op: 'replace', path: 'id', value: 'x' }), 'mutability'],
    ['remove without a path', patch({ op: 'remove' }), 'noTarget'],
    [
      'a filter that matches nothing',
      patch({ op: 'replace', path: 'emails[value eq "nobody@x.test"].primary', value: true }),
      'noTarget',
    ],
    ['add without a value', patch({ op: 'add', path: 'title' }), 'invalidValue'],
    ['a value of the wrong type', patch({ op: 'replace', path: 'active', value: 'perhaps' }), 'invalidValue'],
    ['a path-less value that is not an object', patch({ op: 'replace', value: 'x' }), 'invalidValue'],
    ['a taken userName', patch({ op: 'replace', path: 'userName', value: 'q.bob' }), 'uniqueness'],
  ])('refuses %s', async (_what, body, scimType) => {
    const r = await scim('PATCH', `/Users/${ids['q.cy']!}`, body);
    expect(r.body).toMatchObject({ scimType });
    expect(r.status).toBe(scimType === 'uniqueness' ? 409 : 400);
  });
});
