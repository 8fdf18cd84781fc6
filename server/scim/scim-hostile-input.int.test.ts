import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ENTERPRISE_SCHEMA,
  ERROR_SCHEMA,
  GROUP_SCHEMA,
  PATCH_OP_SCHEMA,
  SEARCH_REQUEST_SCHEMA,
  USER_SCHEMA,
} from '@/server/modules/scim-server/index.ts';
import { createIdentity } from '@/server/seed/factories.ts';
import {
  databaseFingerprint,
  HOSTILE_NUMBERS,
  HOSTILE_TEXTS,
  sampleOf,
  WRONG_TYPES,
} from '@/server/testing/hostile-inputs.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { z } from 'zod';
import { scimCaller, startScimServer, type TStartedScimServer } from '@/server/testing/start-scim-server.ts';

let t: TTestContext;
let server: TStartedScimServer;
let scim: ReturnType<typeof scimCaller>;
let userId: string;
let groupId: string;
beforeAll(async () => {
  t = await createTestContext();
  const admin = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
  server = await startScimServer(t.prisma, t.queue, await t.actor(admin.id));
  scim = scimCaller(server.baseUrl, server.token);
  const user = await scim('POST', '/Users', {
    schemas: [USER_SCHEMA],
    userName: 'sam',
    name: { givenName: 'Sam', familyName: 'Hill' },
    emails: [{ value: 'sam@acme.test', primary: true }],
    active: true,
  });
  userId = user.body.id as string;
  groupId = (await scim('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Finance' })).body
    .id as string;
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

/** The shapes an IdP sends, every string and number a slot for hostile values. */
const ZUser = z.object({
  schemas: z.tuple([z.literal(USER_SCHEMA), z.literal(ENTERPRISE_SCHEMA)]),
  userName: z.string(),
  externalId: z.string(),
  displayName: z.string(),
  name: z.object({ givenName: z.string(), familyName: z.string() }),
  emails: z.array(z.object({ value: z.string(), type: z.string(), primary: z.boolean() })),
  active: z.boolean(),
  [ENTERPRISE_SCHEMA]: z.object({
    department: z.string(),
    employeeNumber: z.string(),
    manager: z.object({ value: z.string() }),
  }),
});
const ZGroup = z.object({
  schemas: z.tuple([z.literal(GROUP_SCHEMA)]),
  displayName: z.string(),
  externalId: z.string(),
  members: z.array(z.object({ value: z.string() })),
});
const ZPatch = z.object({
  schemas: z.tuple([z.literal(PATCH_OP_SCHEMA)]),
  Operations: z.array(z.object({ op: z.literal('replace'), path: z.string(), value: z.string() })),
});
const ZSearch = z.object({
  schemas: z.tuple([z.literal(SEARCH_REQUEST_SCHEMA)]),
  filter: z.string(),
  sortBy: z.string(),
  startIndex: z.number(),
  count: z.number(),
});

/** Percent-encodes what a URL can carry; a lone surrogate goes as the bytes an unpaired one would have. */
const enc = (s: string) =>
  [...s].map((c) => (/[\uD800-\uDFFF]/.test(c) ? '%ED%A0%80' : encodeURIComponent(c))).join('');

function generatedRequests(): Array<{ label: string; method: string; path: string; body?: unknown }> {
  const texts = Object.entries(HOSTILE_TEXTS);
  const numbers = [
    ...Object.values(HOSTILE_NUMBERS).map(String),
    '1e20',
    '99999999999999999999',
    'abc',
    '-0x10',
  ];
  const bodies = (schema: unknown) => [
    ...texts.map(([name, text]) => ({ name, body: sampleOf(schema, { text: () => text, number: () => 1 }) })),
    ...Object.entries(HOSTILE_NUMBERS).map(([name, n]) => ({
      name,
      body: sampleOf(schema, { text: () => 'userName eq "x"', number: () => n }),
    })),
    ...Object.entries(WRONG_TYPES).map(([name, body]) => ({ name, body })),
    { name: 'malformed JSON', body: '{"schemas":' },
  ];
  const out: Array<{ label: string; method: string; path: string; body?: unknown }> = [];
  for (const resource of ['Users', 'Groups']) {
    for (const [name, text] of texts) {
      out.push({
        label: `filter with ${name}`,
        method: 'GET',
        path: `/${resource}?filter=${enc(`userName eq "${text}"`)}`,
      });
      out.push({ label: `filter of ${name}`, method: 'GET', path: `/${resource}?filter=${enc(text)}` });
      for (const param of ['sortBy', 'attributes', 'excludedAttributes', 'sortOrder', 'startIndex', 'count'])
        out.push({ label: `${param} of ${name}`, method: 'GET', path: `/${resource}?${param}=${enc(text)}` });
      out.push({ label: `id of ${name}`, method: 'GET', path: `/${resource}/${enc(text)}` });
      out.push({ label: `DELETE id of ${name}`, method: 'DELETE', path: `/${resource}/${enc(text)}` });
    }
    for (const n of numbers)
      for (const param of ['startIndex', 'count'])
        out.push({ label: `${param}=${n}`, method: 'GET', path: `/${resource}?${param}=${n}` });
    out.push({ label: 'malformed percent-escape in the path', method: 'GET', path: `/${resource}/%E0%A4%A` });
    out.push({
      label: 'malformed percent-escape in the query',
      method: 'GET',
      path: `/${resource}?filter=%E0%A4%A`,
    });
    const id = resource === 'Users' ? userId : groupId;
    const shape = resource === 'Users' ? ZUser : ZGroup;
    for (const { name, body } of bodies(shape)) {
      out.push({ label: `POST ${name}`, method: 'POST', path: `/${resource}`, body });
      out.push({ label: `PUT ${name}`, method: 'PUT', path: `/${resource}/${id}`, body });
    }
    for (const { name, body } of bodies(ZPatch))
      out.push({ label: `PATCH ${name}`, method: 'PATCH', path: `/${resource}/${id}`, body });
    for (const { name, body } of bodies(ZSearch))
      out.push({ label: `.search ${name}`, method: 'POST', path: `/${resource}/.search`, body });
  }
  return out.map((r) => ({ ...r, label: `${r.method} /${r.path.split('/')[1]} ${r.label}` }));
}

describe('generated hostile input over the SCIM endpoints', () => {
  it('answers every one with a 4xx in the SCIM error schema, and writes nothing', async () => {
    await scim('GET', '/ServiceProviderConfig'); // the token's lastUsedAt is written at most once a minute
    const before = await databaseFingerprint(t.prisma);
    const requests = generatedRequests();
    expect(requests.length).toBeGreaterThan(200);
    const wrong: string[] = [];
    for (const { label, method, path, body } of requests) {
      const response = await fetch(`${server.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/scim+json' },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      const isScimError =
        response.status >= 400 &&
        response.status < 500 &&
        (JSON.parse(text) as { schemas?: string[] }).schemas?.[0] === ERROR_SCHEMA;
      if (!isScimError && !(method === 'GET' && response.status === 200))
        wrong.push(`${label} → ${response.status} ${text.slice(0, 160)}`);
    }
    expect(wrong).toEqual([]);
    expect(await databaseFingerprint(t.prisma)).toEqual(before);
  });

  it('refuses a NUL in a filter and a startIndex past any integer with a 400, not a 500', async () => {
    const nul = await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "\u0000"')}`);
    expect(nul.status).toBe(400);
    expect(nul.body.detail).toMatch(/NUL character or broken Unicode/);
    const huge = await scim('GET', '/Users?startIndex=1e20');
    expect(huge.status).toBe(400);
    expect(huge.body).toMatchObject({ schemas: [ERROR_SCHEMA], scimType: 'invalidValue' });
    expect((await scim('GET', '/Users?startIndex=2147483647&count=5')).body).toMatchObject({
      startIndex: 2147483647,
      itemsPerPage: 0,
    });
    const surrogate = await scim(
      'POST',
      '/Users',
      JSON.stringify({ schemas: [USER_SCHEMA], userName: 'ann\uD800', active: true }),
    );
    expect(surrogate.status).toBe(400);
  });
});
