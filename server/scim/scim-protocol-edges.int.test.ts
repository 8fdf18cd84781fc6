import http from 'node:http';
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
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { scimCaller, startScimServer, type TStartedScimServer } from '@/server/testing/start-scim-server.ts';

let t: TTestContext;
let server: TStartedScimServer;
let scim: ReturnType<typeof scimCaller>;
let userId: string;
beforeAll(async () => {
  t = await createTestContext();
  const admin = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
  server = await startScimServer(t.prisma, t.queue, await t.actor(admin.id));
  scim = scimCaller(server.baseUrl, server.token);
  const created = await scim('POST', '/Users', {
    schemas: [USER_SCHEMA],
    userName: 'edge.one',
    name: { givenName: 'Edge', familyName: 'One' },
    emails: [{ type: 'work', value: 'edge.one@acme.test' }],
    active: true,
  });
  userId = created.body.id as string;
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

const encoded = (filter: string) => encodeURIComponent(filter);

describe('SCIM: one rule for `schemas` in every request body', () => {
  it('accepts a PATCH, a POST, a PUT and a search without `schemas`, as it always accepted a POST', async () => {
    const patched = await scim('PATCH', `/Users/${userId}`, {
      Operations: [{ op: 'replace', path: 'title', value: 'Without schemas' }],
    });
    expect(patched.status).toBe(200);
    expect(patched.body.title).toBe('Without schemas');
    expect((await scim('POST', '/Groups', { displayName: 'Edge group' })).status).toBe(201);
    const put = await scim('PUT', `/Users/${userId}`, {
      userName: 'edge.one',
      name: { givenName: 'Edge', familyName: 'One' },
      emails: [{ type: 'work', value: 'edge.one@acme.test' }],
      active: true,
    });
    expect(put.status).toBe(200);
    const search = await scim('POST', '/Users/.search', { filter: 'userName eq "edge.one"' });
    expect(search.status).toBe(200);
    expect(search.body.totalResults).toBe(1);
  });

  it.each([
    [
      'a PATCH naming another schema',
      'PATCH',
      () => `/Users/${userId}`,
      { schemas: [USER_SCHEMA], Operations: [{ op: 'replace', path: 'title', value: 'x' }] },
    ],
    [
      'a PATCH whose schemas is not a list',
      'PATCH',
      () => `/Users/${userId}`,
      { schemas: PATCH_OP_SCHEMA, Operations: [{ op: 'replace', path: 'title', value: 'x' }] },
    ],
    [
      'a User naming the Group schema',
      'POST',
      () => '/Users',
      { schemas: [GROUP_SCHEMA], userName: 'edge.wrong' },
    ],
    [
      'a Group naming the User schema',
      'POST',
      () => '/Groups',
      { schemas: [USER_SCHEMA], displayName: 'Edge wrong' },
    ],
    [
      'a search naming the PatchOp schema',
      'POST',
      () => '/Users/.search',
      { schemas: [PATCH_OP_SCHEMA], filter: 'userName pr' },
    ],
  ])('refuses %s with invalidSyntax and changes nothing', async (_what, method, path, body) => {
    const r = await scim(method, path(), body);
    expect(r.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '400', scimType: 'invalidSyntax' });
    expect((await t.prisma.identity.findUniqueOrThrow({ where: { id: userId } })).title).not.toBe('x');
    expect(await t.prisma.scimGroup.count({ where: { displayName: 'Edge wrong' } })).toBe(0);
  });
});

describe('SCIM: filters are checked against the schema before anything is read', () => {
  it.each([
    ['an unknown attribute', 'favouriteColour eq "blue"'],
    ['an unknown attribute that nothing would have matched', 'userName eq "nobody" or favouriteColour pr'],
    ['an unknown sub-attribute', 'name.middle eq "x"'],
    ['an unknown extension attribute', `${ENTERPRISE_SCHEMA}:shoeSize eq "9"`],
    ['an unknown attribute inside a value filter', 'emails[kind eq "work"]'],
    ['a string compared with a number', 'userName gt 5'],
    ['a string compared with a Boolean', 'title eq true'],
    ['a Boolean compared with a number', 'active eq 1'],
    ['a Boolean compared with a word', 'active eq "yes"'],
    ['a substring operator on a Boolean', 'active co "t"'],
    ['a dateTime compared with what is no date', 'meta.created gt "yesterday"'],
    ['a complex attribute compared as a whole', 'name eq "Edge One"'],
    ['a value filter on a simple attribute', 'userName[value eq "x"]'],
    ['an ordering against null', 'title gt null'],
  ])('refuses %s with invalidFilter, by GET and by POST /.search', async (_what, filter) => {
    const get = await scim('GET', `/Users?filter=${encoded(filter)}`);
    expect(get.body, filter).toMatchObject({
      schemas: [ERROR_SCHEMA],
      status: '400',
      scimType: 'invalidFilter',
    });
    const search = await scim('POST', '/Users/.search', { schemas: [SEARCH_REQUEST_SCHEMA], filter });
    expect(search.body, filter).toMatchObject({ status: '400', scimType: 'invalidFilter' });
  });

  it.each([
    ['userName eq "edge.one"', 1],
    ['emails eq "edge.one@acme.test"', 1],
    ['emails[type eq "work" and value ew "@acme.test"]', 1],
    ['emails[type eq "work"].value eq "edge.one@acme.test"', 1],
    ['active eq true and not (nickName pr)', 1],
    ['meta.lastModified gt "2001-01-01T00:00:00Z"', 1],
    [`${ENTERPRISE_SCHEMA}:manager.value eq "nobody"`, 0],
    [`${USER_SCHEMA}:name.familyName sw "on"`, 1],
    ['groups.value pr', 0],
    ['nickName eq null', 1],
  ])('still answers a sound filter: %s', async (filter, expected) => {
    const r = await scim('GET', `/Users?filter=${encoded(`(${filter}) and userName eq "edge.one"`)}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.totalResults).toBe(expected);
  });

  it('checks a Group filter against the Group schema', async () => {
    expect((await scim('GET', `/Groups?filter=${encoded('members[value eq "x"]')}`)).status).toBe(200);
    expect((await scim('GET', `/Groups?filter=${encoded('userName eq "x"')}`)).body).toMatchObject({
      scimType: 'invalidFilter',
    });
    expect((await scim('GET', `/Groups?filter=${encoded('displayName gt 5')}`)).body).toMatchObject({
      scimType: 'invalidFilter',
    });
  });

  it('calls a filter that is too long invalidFilter, not tooMany', async () => {
    const long = Array.from({ length: 300 }, (_, i) => `userName eq "user${i}"`).join(' or ');
    const r = await scim('POST', '/Users/.search', { filter: long });
    expect(r.body).toMatchObject({ status: '400', scimType: 'invalidFilter' });
  });
});

describe('SCIM: POST /.search checks its body as GET checks its query', () => {
  it.each([
    ['a filter that is not a string', { filter: { userName: 'edge.one' } }, 'invalidFilter'],
    ['a filter that is a number', { filter: 5 }, 'invalidFilter'],
    ['a sortBy that is not a string', { sortBy: ['userName'] }, 'invalidValue'],
    ['attributes that are not names', { attributes: 5 }, 'invalidValue'],
    ['excludedAttributes that are not names', { excludedAttributes: [{ a: 1 }] }, 'invalidValue'],
    ['a count that is not an integer', { count: 'ten' }, 'invalidValue'],
    ['a sortOrder that is neither way', { sortOrder: 'sideways' }, 'invalidValue'],
  ])('refuses %s', async (_what, body, scimType) => {
    const r = await scim('POST', '/Users/.search', { schemas: [SEARCH_REQUEST_SCHEMA], ...body });
    expect(r.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '400', scimType });
  });

  it('answers a search exactly as the same GET', async () => {
    const query = { filter: 'userName sw "edge"', attributes: 'userName,name.givenName', sortBy: 'userName' };
    const get = await scim('GET', `/Users?${new URLSearchParams(query).toString()}`);
    const search = await scim('POST', '/Users/.search', { schemas: [SEARCH_REQUEST_SCHEMA], ...query });
    expect(get.status).toBe(200);
    expect(search.body).toEqual(get.body);
  });
});

/** Sends `sent` bytes of a body and keeps the request open; resolves with the answer, if any comes. */
function sendWithoutEnding(
  path: string,
  sent: number,
  headers: Record<string, string | number> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${server.baseUrl}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${server.token}`,
        'content-type': 'application/scim+json',
        ...headers,
      },
    });
    request.on('error', reject);
    request.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        request.destroy();
        resolve({ status: response.statusCode!, body: JSON.parse(text) as Record<string, unknown> });
      });
    });
    request.write(`{"userName":"${'x'.repeat(Math.max(0, sent - 14))}`);
  });
}

describe('SCIM: body limits are enforced while the body streams in', () => {
  it('answers 413 in the error schema once a body passes the limit, without waiting for the rest', async () => {
    const r = await sendWithoutEnding('/Users', 1_100_000);
    expect(r.status).toBe(413);
    expect(r.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '413' });
    expect(await t.prisma.identity.count({ where: { username: { startsWith: 'xxxx' } } })).toBe(0);
  });

  it('answers 413 at once when the declared length is over the limit', async () => {
    const r = await sendWithoutEnding(`/Users`, 100, { 'content-length': 50_000_000 });
    expect(r).toMatchObject({ status: 413, body: { schemas: [ERROR_SCHEMA], status: '413' } });
  });

  it('still reads a large body under the limit', async () => {
    const r = await scim('POST', '/Users', {
      schemas: [USER_SCHEMA],
      userName: 'edge.large',
      emails: [{ type: 'work', value: 'edge.large@acme.test' }],
      nickName: 'n'.repeat(900_000),
    });
    expect(r.status).toBe(201);
  });
});
