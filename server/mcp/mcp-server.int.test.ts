import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { hasPermission, type TPermission } from '@/server/auth/permissions.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveApprovalSettings } from '@/server/modules/approvals/index.ts';
import { createPersonalApiToken, revokeApiToken } from '@/server/modules/api-tokens/index.ts';
import {
  createApplication,
  createApprovalPolicy,
  createEntitlement,
  createGrant,
  createIdentity,
} from '@/server/seed/factories.ts';
import { formatDate } from '@/server/shared/format-date.ts';
import { serveFetchHandler, type TServedHandler } from '@/server/testing/serve-fetch-handler.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { handleMcpRequest, MCP_ENDPOINT } from './handle-mcp-request.ts';

let t: TTestContext;
let served: TServedHandler;
beforeAll(async () => {
  t = await createTestContext();
  served = await serveFetchHandler((request) => handleMcpRequest(request, { db: t.prisma, queue: t.queue }));
});
afterAll(async () => {
  await served?.close();
  await t?.close();
});

const DAY = 86_400_000;
const EVERYDAY = ['catalog.read', 'request.create', 'request.readOwn', 'access.readOwn', 'approval.decide'];

async function connect(token: string | null) {
  const client = new Client({ name: 'test-agent', version: '1.0.0' });
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${served.url}${MCP_ENDPOINT}`), { requestInit: { headers } }),
  );
  return client;
}

const call = async (client: Client, name: string, args: Record<string, unknown> = {}) =>
  (await client.callTool({ name, arguments: args })) as CallToolResult;
const textOf = (r: CallToolResult) => r.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');

async function org() {
  const mark = await createIdentity(t.prisma, { firstName: 'Mark' });
  const alice = await createIdentity(t.prisma, { firstName: 'Alice', managerId: mark.id });
  const app = await createApplication(t.prisma, {
    name: `Wiki ${crypto.randomUUID().slice(0, 6)}`,
    config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
  });
  const policy = await createApprovalPolicy(t.prisma, {
    name: `Manager ${crypto.randomUUID().slice(0, 6)}`,
    stages: [{ name: 'Manager approval', approvers: [{ type: 'MANAGER' }], mode: 'ANY', quorum: 1 }],
  });
  const editor = await createEntitlement(t.prisma, app.id, { name: 'Wiki Editor', ownerId: mark.id });
  const admin = await createEntitlement(t.prisma, app.id, {
    name: 'Wiki Admin',
    ownerId: mark.id,
    risk: 'HIGH',
  });
  await t.prisma.entitlement.updateMany({
    where: { id: { in: [editor.id, admin.id] } },
    data: { approvalPolicyId: policy.id },
  });
  const tokenOf = async (identityId: string, permissions = EVERYDAY) => {
    const actor = await t.actor(identityId);
    return createPersonalApiToken(t.prisma, actor, {
      name: 'agent',
      permissions: permissions.filter((p) => hasPermission(actor, p as TPermission)),
      expiresInDays: 30,
    });
  };
  return { mark, alice, app, editor, admin, tokenOf };
}

async function setAgentRequests(mode: 'OFF' | 'LOW_RISK_ONLY' | 'ALLOWED') {
  const ivy = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
  await saveApprovalSettings(t.prisma, await t.actor(ivy.id), { agentRequests: mode });
}

describe('the MCP server', () => {
  it('offers tools that read, explain and request, and none that approves, denies or decides', async () => {
    const { alice, tokenOf } = await org();
    const client = await connect((await tokenOf(alice.id)).token);
    const { tools } = await client.listTools();
    expect(tools.map((x) => x.name).sort()).toEqual([
      'approvals_waiting',
      'explain_request',
      'my_access',
      'my_requests',
      'search_catalog',
      'submit_request',
    ]);
    for (const tool of tools)
      expect(tool.name).not.toMatch(/approve|deny|reject|decide|revoke|grant|delegate/i);
    // The only tool that changes anything submits a request, which people then decide.
    expect(tools.filter((x) => !x.annotations?.readOnlyHint).map((x) => x.name)).toEqual(['submit_request']);
    await client.close();
  });

  it("searches the catalog, explains a request, shows access and what ends soon, for the token's person", async () => {
    const { alice, mark, app, editor, admin, tokenOf } = await org();
    const other = await createEntitlement(t.prisma, app.id, { name: 'Wiki Reader' });
    const readerEnds = new Date(Date.now() + 5 * DAY);
    await createGrant(t.prisma, { identityId: alice.id, entitlementId: other.id, endsAt: readerEnds });
    const client = await connect((await tokenOf(alice.id)).token);

    const search = await call(client, 'search_catalog', { query: app.name });
    expect(search.isError).toBeFalsy();
    const found = (
      search.structuredContent as {
        items: Array<{ id: string; name: string; isHeld: boolean; risk: string }>;
      }
    ).items;
    expect(found.map((i) => i.name)).toEqual(['Wiki Admin', 'Wiki Editor', 'Wiki Reader']);
    expect(found.find((i) => i.id === other.id)?.isHeld).toBe(true);
    expect(textOf(search)).toContain(`Wiki Admin (${app.name}, high risk) id ${admin.id}`);

    const explain = await call(client, 'explain_request', { items: [{ id: editor.id }] });
    const preview = explain.structuredContent as {
      canSubmit: boolean;
      items: Array<{ stages: Array<{ name: string; approvers: Array<{ displayName: string }> }> }>;
    };
    expect(preview.canSubmit).toBe(true);
    expect(preview.items[0]!.stages).toMatchObject([
      { name: 'Manager approval', approvers: [{ displayName: mark.displayName }] },
    ]);
    expect(textOf(explain)).toContain(`Manager approval: ${mark.displayName}`);
    expect(await t.prisma.accessRequest.count({ where: { requesterId: alice.id } })).toBe(0);

    const access = await call(client, 'my_access', { expiringWithinDays: 7 });
    const { expiringSoon } = access.structuredContent as { expiringSoon: Array<{ item: string }> };
    expect(expiringSoon.map((a) => a.item)).toEqual(['Wiki Reader']);
    // Days for people, as every other text writes them ("17 Jan 2026"), never ISO.
    const readerDay = formatDate(readerEnds);
    expect(textOf(access)).toContain(`- Wiki Reader (${app.name}) until ${readerDay}`);
    expect(textOf(access)).toContain(`Ending within 7 days: Wiki Reader on ${readerDay}`);
    await client.close();
  });

  it("submits a request marked as made by an AI agent: its status, the approver's inbox and the audit say so", async () => {
    await setAgentRequests('LOW_RISK_ONLY');
    const { alice, mark, editor, tokenOf } = await org();
    const token = await tokenOf(alice.id);
    const client = await connect(token.token);
    const submitted = await call(client, 'submit_request', {
      items: [{ kind: 'ENTITLEMENT', id: editor.id }],
      justification: 'I edit the onboarding pages every week',
    });
    expect(submitted.isError).toBeFalsy();
    const requestId = (submitted.structuredContent as { requests: Array<{ id: string; status: string }> })
      .requests[0]!.id;
    expect(textOf(submitted)).toContain('marked as made by an AI agent');
    const row = await t.prisma.accessRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(row).toMatchObject({
      requesterId: alice.id,
      beneficiaryId: alice.id,
      status: 'PENDING',
      agentTokenId: token.id,
    });

    const status = await call(client, 'my_requests', {});
    expect((status.structuredContent as { requests: unknown[] }).requests).toMatchObject([
      {
        id: requestId,
        item: 'Wiki Editor',
        status: 'PENDING',
        pendingWith: [mark.displayName],
        viaAgent: true,
      },
    ]);

    const approver = await connect((await tokenOf(mark.id)).token);
    const inbox = await call(approver, 'approvals_waiting', {});
    expect((inbox.structuredContent as { waiting: unknown[] }).waiting).toMatchObject([
      { requestId, item: 'Wiki Editor', requester: alice.displayName, viaAgent: true },
    ]);
    expect(textOf(inbox)).toContain('through an AI agent');

    const [event] = await t.prisma.auditEvent.findMany({
      where: { action: 'request.created', entityId: requestId },
    });
    expect(event?.after).toMatchObject({ requestedBy: 'AI_AGENT', agentTokenId: token.id });
    expect(event?.metadata).toMatchObject({ apiTokenId: token.id });
    await Promise.all([client.close(), approver.close()]);
  });

  it('refuses agent requests with a clear message when the organisation turned them off, and changes nothing', async () => {
    await setAgentRequests('OFF');
    const { alice, editor, tokenOf } = await org();
    const client = await connect((await tokenOf(alice.id)).token);
    const refused = await call(client, 'submit_request', {
      items: [{ id: editor.id }],
      justification: 'I edit the onboarding pages every week',
    });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toBe(
      'Your organisation has turned off access requests by AI agents: make this request yourself in the portal',
    );
    expect(await t.prisma.accessRequest.count({ where: { requesterId: alice.id } })).toBe(0);
    expect(
      await t.prisma.auditEvent.count({
        where: { action: 'access.refused', actorId: alice.id, entityId: 'mcp:submit_request' },
      }),
    ).toBe(1);
    await setAgentRequests('LOW_RISK_ONLY');
    await client.close();
  });

  it('limits agents to low-risk items unless the organisation allows more', async () => {
    await setAgentRequests('LOW_RISK_ONLY');
    const { alice, admin, tokenOf } = await org();
    const client = await connect((await tokenOf(alice.id)).token);
    const ask = () =>
      call(client, 'submit_request', {
        items: [{ id: admin.id }],
        justification: 'I run the wiki while the owner is away',
      });
    const refused = await ask();
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toBe(
      'Your organisation lets AI agents request only low-risk items; Wiki Admin (high risk) must be requested by you in the portal',
    );
    expect(await t.prisma.accessRequest.count({ where: { requesterId: alice.id } })).toBe(0);

    await setAgentRequests('ALLOWED');
    expect((await ask()).isError).toBeFalsy();
    expect(
      await t.prisma.accessRequest.count({ where: { requesterId: alice.id, entitlementId: admin.id } }),
    ).toBe(1);
    await setAgentRequests('LOW_RISK_ONLY');
    await client.close();
  });

  it("refuses a token whose subset lacks the tool's permission, naming the permission", async () => {
    const { alice, editor, tokenOf } = await org();
    const client = await connect((await tokenOf(alice.id, ['catalog.read'])).token);
    const refused = await call(client, 'submit_request', {
      items: [{ id: editor.id }],
      justification: 'I edit the onboarding pages every week',
    });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toBe(
      'This token may not use submit_request: it needs the permission request.create, which the token or its person lacks',
    );
    expect(textOf(await call(client, 'approvals_waiting'))).toContain('needs the permission approval.decide');
    expect(await t.prisma.accessRequest.count({ where: { requesterId: alice.id } })).toBe(0);
    await client.close();
  });

  it('audits every tool call as api.called, naming the tool and its outcome, as the REST API audits a call', async () => {
    const { alice, app, editor, tokenOf } = await org();
    const created = await tokenOf(alice.id, ['catalog.read']);
    const client = await connect(created.token);
    await call(client, 'search_catalog', { query: app.name });
    await call(client, 'submit_request', {
      items: [{ id: editor.id }],
      justification: 'I edit the onboarding pages every week',
    });
    await call(client, 'search_catalog', { query: 'wiki\u0000' });
    await client.close();
    const events = await t.prisma.auditEvent.findMany({
      where: { action: 'api.called', entityId: created.id },
      orderBy: { id: 'asc' },
      select: { actorId: true, subjectId: true, metadata: true },
    });
    // Listing tools and the handshake are not tool calls: exactly the three calls, in order.
    expect(events.map((e) => [e.actorId, e.subjectId, e.metadata])).toEqual([
      [
        alice.id,
        alice.id,
        { apiTokenId: created.id, method: 'MCP', path: '/api/mcp', tool: 'search_catalog', status: 200 },
      ],
      [
        alice.id,
        alice.id,
        { apiTokenId: created.id, method: 'MCP', path: '/api/mcp', tool: 'submit_request', status: 403 },
      ],
      [
        alice.id,
        alice.id,
        { apiTokenId: created.id, method: 'MCP', path: '/api/mcp', tool: 'search_catalog', status: 400 },
      ],
    ]);
  });

  it('refuses input holding broken text', async () => {
    const { alice, tokenOf } = await org();
    const client = await connect((await tokenOf(alice.id)).token);
    const refused = await call(client, 'search_catalog', { query: 'wiki\u0000' });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toContain('holds a NUL character or broken Unicode (at query)');
    await client.close();
  });

  it('answers 401 with WWW-Authenticate without a token, with a bad one or a revoked one', async () => {
    const { alice, tokenOf } = await org();
    const created = await tokenOf(alice.id);
    await revokeApiToken(t.prisma, await t.actor(alice.id), created.id);
    for (const authorization of [null, 'Bearer gh_pat_not-a-real-token', `Bearer ${created.token}`]) {
      const response = await fetch(`${served.url}${MCP_ENDPOINT}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json, text/event-stream',
          ...(authorization ? { Authorization: authorization } : {}),
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain(
        'A valid Gatehouse API token is required',
      );
    }
    await expect(connect(created.token)).rejects.toThrow(/401|token/i);
  });
});
