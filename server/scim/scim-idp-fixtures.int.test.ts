import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { scimCaller, startScimServer, type TStartedScimServer } from '@/server/testing/start-scim-server.ts';

type TFixture = {
  requests: Array<{
    name: string;
    method: string;
    path: string;
    status: number;
    body?: unknown;
    save?: string;
    expect?: Record<string, unknown>;
    expectAbsent?: string[];
  }>;
};

let t: TTestContext;
let server: TStartedScimServer;
beforeAll(async () => {
  t = await createTestContext();
  const admin = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
  server = await startScimServer(t.prisma, t.queue, await t.actor(admin.id));
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

/** Replays a captured sequence of an IdP's requests; returns the ids it saved. */
async function replay(file: string): Promise<Record<string, string>> {
  const fixture = JSON.parse(
    fs.readFileSync(path.join(import.meta.dirname, 'fixtures', file), 'utf8'),
  ) as TFixture;
  const scim = scimCaller(server.baseUrl, server.token);
  const ids: Record<string, string> = {};
  const fill = <T>(v: T): T =>
    JSON.parse(JSON.stringify(v).replace(/\{\{(\w+)\}\}/g, (_, k: string) => ids[k] ?? `{{${k}}}`)) as T;
  for (const r of fixture.requests) {
    const response = await scim(r.method, fill(r.path), r.body === undefined ? undefined : fill(r.body));
    expect({
      request: r.name,
      status: response.status,
      error: response.status >= 400 && r.status < 400 ? response.body : undefined,
    }).toEqual({
      request: r.name,
      status: r.status,
      error: undefined,
    });
    if (r.save) ids[r.save] = response.body.id as string;
    if (r.expect) expect(response.body, r.name).toMatchObject(fill(r.expect));
    for (const key of r.expectAbsent ?? []) expect(response.body, r.name).not.toHaveProperty(key);
  }
  return ids;
}

describe('SCIM server: real IdP request shapes', () => {
  it('accepts what Microsoft Entra ID sends, from the first lookup to the delete', async () => {
    const ids = await replay('entra-id.json');
    const person = await t.prisma.identity.findUniqueOrThrow({ where: { id: ids.user! } });
    expect(person).toMatchObject({
      status: 'TERMINATED',
      email: 'updated_ab6490ee@contoso.test',
      lastName: 'updatedFamilyName',
      title: 'Controller',
      department: 'Treasury',
      employeeNumber: 'E-4711',
      managerId: null,
      origin: 'SCIM',
    });
    expect(await t.prisma.scimGroup.count({ where: { id: ids.group! } })).toBe(0);
  });

  it('accepts what Okta sends, and its deactivation ends the person’s sessions', async () => {
    const ids = await replay('okta.json');
    const person = await t.prisma.identity.findUniqueOrThrow({ where: { id: ids.user! } });
    expect(person).toMatchObject({
      status: 'ACTIVE',
      firstName: 'Another',
      displayName: 'Another User',
      email: 'test.user@okta.local',
      sessionVersion: 1,
    });
    const record = await t.prisma.sourceRecord.findFirstOrThrow({ where: { identityId: ids.user! } });
    expect(JSON.stringify(record.data)).not.toContain('1mz050nq');
    expect(JSON.stringify(record.data)).not.toContain('t1meMa$heen');
  });
});
