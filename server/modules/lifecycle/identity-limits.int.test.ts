import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSecretKey } from '@/server/lib/secret-box.ts';
import { IDENTITY_LIMITS } from '@/server/modules/identities/index.ts';
import { resolveSignIn } from './resolve-sign-in.ts';
import { ERROR_SCHEMA, USER_SCHEMA } from '@/server/modules/scim-server/index.ts';
import { runSource, startSourceRun } from '@/server/modules/sources/index.ts';
import { scimCaller, startScimServer, type TStartedScimServer } from '@/server/testing/start-scim-server.ts';
import { createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { TEST_SECRET_KEY } from '@/server/testing/test-ldap.ts';

let t: TTestContext;
let server: TStartedScimServer;
let scim: ReturnType<typeof scimCaller>;
let dir: string;
beforeAll(async () => {
  t = await createTestContext();
  const admin = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
  server = await startScimServer(t.prisma, t.queue, await t.actor(admin.id));
  scim = scimCaller(server.baseUrl, server.token);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-limits-'));
});
afterAll(async () => {
  await server?.close();
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const user = (userName: string, extra: Record<string, unknown> = {}) => ({
  schemas: [USER_SCHEMA],
  userName,
  name: { givenName: 'Sam', familyName: 'Long' },
  emails: [{ type: 'work', value: `sam.${Math.random().toString(36).slice(2)}@acme.test`, primary: true }],
  active: true,
  ...extra,
});

describe('identity attribute lengths, the same at every edge', () => {
  it('SCIM: an over-long userName or name is a 400 invalidValue naming the field and the limit, and creates nobody', async () => {
    const before = await t.prisma.identity.count();
    const cases: Array<[unknown, RegExp]> = [
      [
        user(`en7327-${'x'.repeat(20_000)}@contoso.test`),
        new RegExp(`userName: at most ${IDENTITY_LIMITS.username} characters`),
      ],
      [
        user('ok.name', { name: { givenName: 'y'.repeat(65), familyName: 'Long' } }),
        new RegExp(`firstName: at most ${IDENTITY_LIMITS.firstName} characters`),
      ],
      [
        user('ok.name2', {
          'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': {
            manager: { value: 'm'.repeat(20_000) },
          },
        }),
        new RegExp(`managerReference: at most ${IDENTITY_LIMITS.managerReference} characters`),
      ],
    ];
    for (const [body, message] of cases) {
      const r = await scim('POST', '/Users', body);
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({
        schemas: [ERROR_SCHEMA],
        scimType: 'invalidValue',
        detail: expect.stringMatching(message),
      });
    }
    expect(await t.prisma.identity.count()).toBe(before);
    // At the limit it is taken.
    expect((await scim('POST', '/Users', user('z'.repeat(IDENTITY_LIMITS.username)))).status).toBe(201);
  });

  it('HR: an over-long value is a row-level validation error naming the field and the limit, and applies nothing', async () => {
    const sourceId = (
      await t.prisma.identitySource.create({
        data: {
          key: 'hr-limits',
          name: 'HR',
          kind: 'HR_CSV',
          precedence: 10,
          config: {
            columns: {
              employeeNumber: 'emp_no',
              firstName: 'first',
              lastName: 'last',
              email: 'mail',
              department: 'dept',
            },
            required: ['employeeNumber'],
          },
        },
      })
    ).id;
    const ivy = await t.actor(
      (await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'], employeeNumber: null })).id,
    );
    const file = path.join(dir, 'hr.csv');
    fs.writeFileSync(
      file,
      [
        'emp_no,first,last,mail,dept',
        'L1,Ana,Silva,ana.l1@acme.test,Finance',
        `L2,Bea,${'c'.repeat(IDENTITY_LIMITS.lastName + 1)},bea.l2@acme.test,Finance`,
      ].join('\n'),
    );
    const deps = { queue: t.queue, files: { dir }, secretKey: parseSecretKey(TEST_SECRET_KEY) };
    const { runId } = await startSourceRun(
      t.prisma,
      ivy,
      { sourceId, trigger: 'UPLOAD', file: { path: file, name: 'hr.csv' } },
      deps,
    );
    expect(await runSource(t.prisma, runId, deps)).toBe('REJECTED');
    const run = await t.prisma.sourceRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run.report).toEqual([
      {
        row: 3,
        field: 'lastName',
        code: 'BAD_VALUE',
        message: `lastName: at most ${IDENTITY_LIMITS.lastName} characters`,
        fatal: true,
      },
    ]);
    expect(await t.prisma.identity.count({ where: { employeeNumber: { in: ['L1', 'L2'] } } })).toBe(0);
  });

  it('sign-in: a just-in-time person with an over-long claim is refused with the field and the limit, and nobody is made', async () => {
    const before = await t.prisma.identity.count();
    const claims = {
      iss: 'https://idp.example.test',
      sub: 'sub-long',
      email: 'long.claim@example.test',
      given_name: 'g'.repeat(IDENTITY_LIMITS.firstName + 1),
    };
    await expect(
      resolveSignIn(
        t.prisma,
        { provider: 'oidc', subject: 'sub-long', email: claims.email, claims },
        { jit: true, usernameClaim: 'preferred_username' },
        { queue: t.queue },
      ),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining(`firstName: at most ${IDENTITY_LIMITS.firstName} characters`),
    });
    expect(await t.prisma.identity.count()).toBe(before);
  });
});
