import { readFile } from 'node:fs/promises';
import createClient from 'openapi-fetch';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPersonalApiToken } from '@/server/modules/api-tokens/index.ts';
import { createApplication, createEntitlement, createIdentity } from '@/server/seed/factories.ts';
import type { paths } from '@/server/testing/api-client/gatehouse-api.ts';
import { GENERATED_TYPES_FILE, generateApiTypes } from '@/server/testing/api-client/generate-api-types.ts';
import { serveFetchHandler, type TServedHandler } from '@/server/testing/serve-fetch-handler.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { handleRestRequest } from './handle-rest-request.ts';

let t: TTestContext;
let api: TServedHandler;
beforeAll(async () => {
  t = await createTestContext();
  api = await serveFetchHandler((r) =>
    handleRestRequest(r, {
      services: { db: t.prisma, queue: t.queue, queueAdmin: t.queueAdmin, secretKey: t.secretKey },
      rateLimit: { burst: 100, perMinute: 100 },
    }),
  );
});
afterAll(async () => {
  await api?.close();
  await t?.close();
});

describe('the OpenAPI document', () => {
  it('is public, OpenAPI 3.1, valid against the specification’s schema, and lists the automation endpoints', async () => {
    const response = await fetch(`${api.url}/api/v1/openapi.json`);
    expect(response.status).toBe(200);
    const doc = (await response.json()) as {
      openapi: string;
      servers: Array<{ url: string }>;
      paths: Record<
        string,
        Record<
          string,
          { security?: unknown; responses: Record<string, { content?: Record<string, unknown> }> }
        >
      >;
    };
    const result = await new Validator().validate(doc as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers[0]?.url).toBe(`${api.url}/api/v1`);
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        'GET /catalog',
        'POST /requests',
        'GET /requests',
        'GET /requests/{id}',
        'POST /approvals/search',
        'POST /approvals/{stepId}/decision',
        'GET /access/me',
        'GET /access/team',
        'POST /grants/{grantId}/revoke',
        'POST /reports/person-access',
        'POST /reports/who-has',
        'POST /reports/privileged',
        'POST /reports/leavers',
        'POST /reports/expiring',
        'POST /reports/dormant',
      ].sort(),
    );
    const create = doc.paths['/requests']!.post!;
    expect(create.security).toEqual([{ ApiToken: [] }]);
    expect(Object.keys(create.responses['403']!.content!)).toEqual(['application/problem+json']);
    expect(create.responses['429']).toBeDefined();
  });

  it('matches the committed client types (regenerate with npm run api:types)', async () => {
    expect(await generateApiTypes()).toBe(await readFile(GENERATED_TYPES_FILE, 'utf8'));
  });
});

describe('a generated client', () => {
  it('requests access and reads the request’s status', async () => {
    const manager = await createIdentity(t.prisma);
    const person = await createIdentity(t.prisma, { managerId: manager.id });
    const app = await createApplication(t.prisma, {
      config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
    });
    const group = await createEntitlement(t.prisma, app.id, { name: 'Deploy Production' });
    const { token } = await createPersonalApiToken(t.prisma, await t.actor(person.id), {
      name: 'pipeline',
      permissions: ['catalog.read', 'request.create', 'request.readOwn'],
      expiresInDays: 1,
    });
    const client = createClient<paths>({
      baseUrl: `${api.url}/api/v1`,
      headers: { authorization: `Bearer ${token}` },
    });

    const found = await client.GET('/catalog', { params: { query: { search: 'Deploy Production' } } });
    expect(found.data?.items.map((i) => i.id)).toEqual([group.id]);

    const until = new Date(Date.now() + 86_400_000).toISOString();
    const created = await client.POST('/requests', {
      body: {
        entitlementId: group.id,
        justification: 'Release 42 goes to production tonight',
        requestedEndsAt: until,
      },
    });
    expect(created.error).toBeUndefined();
    const id = created.data!.id;

    const status = await client.GET('/requests/{id}', { params: { path: { id } } });
    expect(status.data).toMatchObject({
      id,
      status: 'PENDING',
      entitlement: { id: group.id },
      beneficiary: { id: person.id },
    });
    expect(status.data?.pendingWith.length).toBeGreaterThan(0);

    const refused = await client.GET('/access/team');
    expect(refused.response.status).toBe(403);
    expect(refused.error).toMatchObject({ status: 403, code: 'FORBIDDEN' });
  });
});
