import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TPermission } from '@/server/auth/permissions.ts';
import { createPersonalApiToken, revokeApiToken } from '@/server/modules/api-tokens/index.ts';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
} from '@/server/seed/factories.ts';
import { serveFetchHandler, type TServedHandler } from '@/server/testing/serve-fetch-handler.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { handleRestRequest, type TRestDeps } from './handle-rest-request.ts';

let t: TTestContext;
let api: TServedHandler;
let limited: TServedHandler;
beforeAll(async () => {
  t = await createTestContext();
  const services: TRestDeps['services'] = {
    db: t.prisma,
    queue: t.queue,
    queueAdmin: t.queueAdmin,
    secretKey: t.secretKey,
  };
  api = await serveFetchHandler((r) =>
    handleRestRequest(r, { services, rateLimit: { burst: 1000, perMinute: 1000 } }),
  );
  limited = await serveFetchHandler((r) =>
    handleRestRequest(r, { services, rateLimit: { burst: 2, perMinute: 1 } }),
  );
});
afterAll(async () => {
  await api?.close();
  await limited?.close();
  await t?.close();
});

type TCall = { status: number; type: string | null; body: Record<string, unknown>; headers: Headers };
async function call(
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
  base = api.url,
): Promise<TCall> {
  const response = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    headers: response.headers,
  };
}
const tokenFor = async (identityId: string, permissions: TPermission[], expiresInDays = 7) =>
  (
    await createPersonalApiToken(t.prisma, await t.actor(identityId), {
      name: `t-${permissions.join('-')}`,
      permissions,
      expiresInDays,
    })
  ).token;

/** An RFC 9457 body: its required members, with the status it was sent with. */
function expectProblem(r: TCall, status: number, code?: string) {
  expect(r.type).toBe('application/problem+json');
  expect(r.status).toBe(status);
  expect(r.body).toMatchObject({
    status,
    title: expect.any(String),
    detail: expect.any(String),
    type: expect.stringMatching(/^urn:gatehouse:problem:/),
  });
  if (code) expect(r.body.code).toBe(code);
}

async function org() {
  const manager = await createIdentity(t.prisma, { firstName: 'Mona' });
  const alice = await createIdentity(t.prisma, { firstName: 'Alice', managerId: manager.id });
  const app = await createApplication(t.prisma, {
    config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
  });
  const group = await createEntitlement(t.prisma, app.id, {
    name: `Finance Reporting ${alice.id.slice(0, 6)}`,
  });
  return { manager, alice, app, group };
}

describe('REST API: authentication', () => {
  it('answers 401 problem+json without a token, with an unknown, revoked or expired one, and for a leaver', async () => {
    const person = await createIdentity(t.prisma);
    expectProblem(await call(null, 'GET', '/catalog'), 401, 'UNAUTHENTICATED');
    expect((await call(null, 'GET', '/catalog')).headers.get('www-authenticate')).toMatch(/^Bearer/);
    expectProblem(await call('gh_pat_not-a-real-token', 'GET', '/catalog'), 401);

    const revoked = await createPersonalApiToken(t.prisma, await t.actor(person.id), {
      name: 'r',
      permissions: ['catalog.read'],
      expiresInDays: 1,
    });
    expect((await call(revoked.token, 'GET', '/catalog')).status).toBe(200);
    await revokeApiToken(t.prisma, await t.actor(person.id), revoked.id);
    expectProblem(await call(revoked.token, 'GET', '/catalog'), 401);

    const expired = await tokenFor(person.id, ['catalog.read']);
    await t.prisma.apiToken.updateMany({
      where: { identityId: person.id, revokedAt: null },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expectProblem(await call(expired, 'GET', '/catalog'), 401);

    const leaver = await createIdentity(t.prisma);
    const leaversToken = await tokenFor(leaver.id, ['catalog.read']);
    expect((await call(leaversToken, 'GET', '/catalog')).status).toBe(200);
    await t.prisma.identity.update({
      where: { id: leaver.id },
      data: { status: 'TERMINATED', terminatedAt: new Date() },
    });
    expectProblem(await call(leaversToken, 'GET', '/catalog'), 401);
  });
});

describe('REST API: authorization as in the portal', () => {
  it('keeps a token to the subset it was given, even where its person may do more', async () => {
    const { alice, group } = await org();
    const readOnly = await tokenFor(alice.id, ['catalog.read']);
    const catalog = await call(readOnly, 'GET', `/catalog?search=${encodeURIComponent(group.name)}&limit=5`);
    expect(catalog.status).toBe(200);
    expect((catalog.body.items as Array<{ id: string }>).map((i) => i.id)).toEqual([group.id]);
    // Alice may request access in the portal; this token may not.
    expectProblem(
      await call(readOnly, 'POST', '/requests', {
        entitlementId: group.id,
        justification: 'Month-end close reporting',
      }),
      403,
      'FORBIDDEN',
    );
    expectProblem(await call(readOnly, 'GET', '/requests'), 403);
    expect(await t.prisma.accessRequest.count({ where: { beneficiaryId: alice.id } })).toBe(0);
    // The refusal is in the audit trail, with the token.
    const refused = await t.prisma.auditEvent.findFirst({
      where: { action: 'access.refused', actorId: alice.id },
      select: { metadata: true },
    });
    expect(refused?.metadata).toMatchObject({ procedure: 'requests.create', apiTokenId: expect.any(String) });
  });

  it('keeps a token to what its person may do now, whatever it was given', async () => {
    const admin = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const { alice } = await org();
    const token = await tokenFor(admin.id, ['reports.read']);
    expect((await call(token, 'POST', '/reports/person-access', { person: alice.id })).status).toBe(200);
    await t.prisma.identityPortalRole.deleteMany({ where: { identityId: admin.id } });
    expectProblem(await call(token, 'POST', '/reports/person-access', { person: alice.id }), 403);
  });

  it('lets an auditor read the reports and nothing an auditor may not do', async () => {
    const auditor = await createIdentity(t.prisma, { portalRoles: ['AUDITOR'] });
    const { alice, group } = await org();
    await createGrant(t.prisma, { identityId: alice.id, entitlementId: group.id });
    const token = await tokenFor(auditor.id, ['reports.read', 'access.readAll']);
    const report = await call(token, 'POST', '/reports/person-access', { person: alice.id });
    expect(report.status).toBe(200);
    expect((report.body.rows as Array<{ entitlementId: string }>).map((r) => r.entitlementId)).toEqual([
      group.id,
    ]);
    expect((await call(token, 'POST', '/reports/who-has', { entitlement: group.id })).status).toBe(200);
    // An auditor revokes nothing: the token's person does not hold the permission.
    const grant = await t.prisma.grant.findFirstOrThrow({
      where: { identityId: alice.id, entitlementId: group.id },
    });
    expectProblem(await call(token, 'POST', `/grants/${grant.id}/revoke`, { reason: 'audit' }), 403);
    expect((await t.prisma.grant.findUniqueOrThrow({ where: { id: grant.id } })).status).toBe('ACTIVE');
  });

  it('requests access, reads its status, and lets the manager (not the requester) decide it', async () => {
    const { manager, alice, group } = await org();
    const alices = await tokenFor(alice.id, [
      'catalog.read',
      'request.create',
      'request.readOwn',
      'approval.decide',
    ]);
    const created = await call(alices, 'POST', '/requests', {
      entitlementId: group.id,
      justification: 'Month-end close reporting',
    });
    expect(created.status).toBe(200);
    const requestId = created.body.id as string;
    const status = await call(alices, 'GET', `/requests/${requestId}`);
    expect(status.body).toMatchObject({ id: requestId, status: 'PENDING', beneficiary: { id: alice.id } });
    expect(typeof status.body.createdAt).toBe('string');

    // Someone else's request reads as not found.
    const stranger = await tokenFor((await createIdentity(t.prisma)).id, ['request.readOwn']);
    expectProblem(await call(stranger, 'GET', `/requests/${requestId}`), 404, 'NOT_FOUND');

    const monas = await tokenFor(manager.id, ['approval.decide']);
    const inbox = await call(monas, 'POST', '/approvals/search', { status: 'PENDING' });
    const items = inbox.body.items as Array<{ id: string; request: { id: string } }>;
    expect(items.map((i) => i.request.id)).toEqual([requestId]);
    const stepId = items[0]!.id;
    // Alice's token holds approval.decide, but she is not the approver of her own request.
    expectProblem(await call(alices, 'POST', `/approvals/${stepId}/decision`, { decision: 'APPROVE' }), 403);
    const decided = await call(monas, 'POST', `/approvals/${stepId}/decision`, {
      decision: 'APPROVE',
      comment: 'ok',
    });
    expect(decided.body).toMatchObject({ requestStatus: 'APPROVED' });
    expect((await call(alices, 'GET', `/requests/${requestId}`)).body.status).toBe('APPROVED');

    // What the token did is audited with the token.
    const made = await t.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'request.created', entityId: requestId },
      select: { metadata: true },
    });
    expect(made.metadata).toMatchObject({ apiTokenId: expect.any(String) });
  });
});

describe('REST API: errors, limits and audit', () => {
  it('answers bad input with a 400 problem listing the fields, and changes nothing', async () => {
    const { alice, group } = await org();
    const token = await tokenFor(alice.id, ['request.create', 'request.readOwn']);
    const r = await call(token, 'POST', '/requests', { entitlementId: group.id, justification: 'short' });
    expectProblem(r, 400);
    expect(r.body.errors).toEqual([expect.objectContaining({ path: 'justification' })]);
    expectProblem(await call(token, 'GET', '/requests/not-an-id'), 400);
    expectProblem(await call(token, 'GET', '/no-such-endpoint'), 404);
    const notJson = await fetch(`${api.url}/api/v1/requests`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{"justification":',
    });
    expect([notJson.status, notJson.headers.get('content-type')]).toEqual([400, 'application/problem+json']);
    expect(await t.prisma.accessRequest.count({ where: { beneficiaryId: alice.id } })).toBe(0);
  });

  it('rate-limits each token: 429 with Retry-After, as problem+json; another token is not held back', async () => {
    const person = await createIdentity(t.prisma);
    const first = await tokenFor(person.id, ['catalog.read']);
    const second = await tokenFor(person.id, ['access.readOwn']);
    expect((await call(first, 'GET', '/catalog', undefined, limited.url)).status).toBe(200);
    expect((await call(first, 'GET', '/catalog', undefined, limited.url)).status).toBe(200);
    const third = await call(first, 'GET', '/catalog', undefined, limited.url);
    expectProblem(third, 429, 'TOO_MANY_REQUESTS');
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await call(second, 'GET', '/access/me', undefined, limited.url)).status).toBe(200);
  });

  it('audits every call with its token, method, path and status', async () => {
    const person = await createIdentity(t.prisma);
    const created = await createPersonalApiToken(t.prisma, await t.actor(person.id), {
      name: 'audited',
      permissions: ['catalog.read'],
      expiresInDays: 1,
    });
    await call(created.token, 'GET', '/catalog');
    await call(created.token, 'GET', '/requests');
    const events = await t.prisma.auditEvent.findMany({
      where: { action: 'api.called', entityId: created.id },
      select: { actorId: true, metadata: true },
    });
    const seen = events.map((e) => [
      e.actorId,
      (e.metadata as { path: string }).path,
      (e.metadata as { status: number }).status,
      (e.metadata as { apiTokenId: string }).apiTokenId,
    ]);
    expect(seen.sort()).toEqual([
      [person.id, '/api/v1/catalog', 200, created.id],
      [person.id, '/api/v1/requests', 403, created.id],
    ]);
  });
});
