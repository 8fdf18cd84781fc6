import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentity } from '@/server/seed/factories.ts';
import { databaseFingerprint } from '@/server/testing/hostile-inputs.ts';
import { serveFetchHandler, type TServedHandler } from '@/server/testing/serve-fetch-handler.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { MAX_BATCH_SIZE } from './batch-limit.ts';
import { MAX_CALL_BODY } from './body-limit.ts';
import { handleTrpcRequest } from './handle-trpc-request.ts';

let t: TTestContext;
let server: TServedHandler;
beforeAll(async () => {
  t = await createTestContext();
  const ivy = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
  const actor = await t.actor(ivy.id);
  server = await serveFetchHandler((request) =>
    handleTrpcRequest(request, async () => ({
      db: t.prisma,
      queue: t.queue,
      queueAdmin: t.queueAdmin,
      secretKey: t.secretKey,
      actor,
    })),
  );
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

const saveSettings = (body: BodyInit, headers: Record<string, string>) =>
  fetch(`${server.url}/api/trpc/approvalPolicies.saveSettings`, { method: 'POST', headers, body });
/**
 * A POST whose answer is read as soon as it comes: fetch fails on a server that answers before it has
 * read the whole body (a 413), so the body is written without waiting for it to be taken.
 */
const postEarlyAnswered = (path: string, body: string) =>
  new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const request = http.request(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    request.on('error', reject);
    request.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        request.destroy();
        resolve({ status: response.statusCode!, body: JSON.parse(text) as unknown });
      });
    });
    request.end(body);
  });
const json = (requestMaxAgeDays: number) => JSON.stringify({ json: { requestMaxAgeDays } });
const host = () => new URL(server.url).host;

describe('a write to the tRPC endpoint', () => {
  it('is refused as multipart/form-data (a cross-site form sends it without a preflight) and changes nothing', async () => {
    const before = await databaseFingerprint(t.prisma);
    const form = new FormData();
    form.set('requestMaxAgeDays', '7');
    const response = await fetch(`${server.url}/api/trpc/approvalPolicies.saveSettings`, {
      method: 'POST',
      body: form,
    });
    expect(response.status).toBe(415);
    const plain = await saveSettings(json(7), { 'content-type': 'text/plain' });
    expect(plain.status).toBe(415);
    expect(await databaseFingerprint(t.prisma)).toEqual(before);
  });

  it('is refused from another origin, even another port on the same host, and changes nothing', async () => {
    const before = await databaseFingerprint(t.prisma);
    const otherPort = await saveSettings(json(7), {
      'content-type': 'application/json',
      origin: 'http://127.0.0.1:1',
    });
    expect(otherPort.status).toBe(403);
    expect(await otherPort.json()).toMatchObject({
      error: { json: { data: { code: 'FORBIDDEN', httpStatus: 403 } } },
    });
    const sameSite = await saveSettings(json(7), {
      'content-type': 'application/json',
      origin: `http://${host()}`,
      'sec-fetch-site': 'same-site',
    });
    expect(sameSite.status).toBe(403);
    const nullOrigin = await saveSettings(json(7), { 'content-type': 'application/json', origin: 'null' });
    expect(nullOrigin.status).toBe(403);
    expect(await databaseFingerprint(t.prisma)).toEqual(before);
  });

  it(`of more than ${MAX_CALL_BODY} bytes is refused with a 413 before tRPC reads it, and changes nothing`, async () => {
    // The same valid call, padded with a field the schema drops: only its size differs.
    const padded = (bytes: number) => {
      const call = (pad: string) => JSON.stringify({ json: { requestMaxAgeDays: 33, pad } });
      return call('x'.repeat(bytes - call('').length));
    };
    const headers = { 'content-type': 'application/json' };
    const before = await databaseFingerprint(t.prisma);
    const tooLarge = await postEarlyAnswered(
      '/api/trpc/approvalPolicies.saveSettings',
      padded(MAX_CALL_BODY + 1),
    );
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toMatchObject({
      error: { json: { data: { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413 } } },
    });
    expect(await databaseFingerprint(t.prisma)).toEqual(before);
    expect((await saveSettings(padded(MAX_CALL_BODY), headers)).status).toBe(200);
  });

  it('is accepted as JSON from the portal itself (and from a client that is not a browser)', async () => {
    const own = await saveSettings(json(40), {
      'content-type': 'application/json',
      origin: `http://${host()}`,
      'sec-fetch-site': 'same-origin',
    });
    expect(own.status).toBe(200);
    // Behind a reverse proxy the Host the app sees is not the one the browser asked; Sec-Fetch-Site still says.
    const proxied = await saveSettings(json(39), {
      'content-type': 'application/json',
      origin: 'https://gatehouse.acme.test',
      'sec-fetch-site': 'same-origin',
    });
    expect(proxied.status).toBe(200);
    const cli = await saveSettings(json(41), { 'content-type': 'application/json; charset=utf-8' });
    expect(cli.status).toBe(200);
    const settings = await t.prisma.systemSetting.findMany({ select: { value: true } });
    expect(settings.map((s) => s.value)).toContainEqual({
      requestMaxAgeDays: 41,
      agentRequests: 'LOW_RISK_ONLY',
    });
  });
});

describe('a batch', () => {
  const batch = (n: number) => {
    const paths = Array.from({ length: n }, () => 'me.get').join(',');
    const input = Object.fromEntries(Array.from({ length: n }, (_, i) => [i, { json: null }]));
    return fetch(
      `${server.url}/api/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`,
    );
  };

  it(`of more than ${MAX_BATCH_SIZE} calls is refused with a 400; one of ${MAX_BATCH_SIZE} is answered`, async () => {
    expect((await batch(100)).status).toBe(400);
    expect((await batch(MAX_BATCH_SIZE + 1)).status).toBe(400);
    expect((await batch(MAX_BATCH_SIZE)).status).toBe(200);
  });
});
