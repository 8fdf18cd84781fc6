import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TUserActor } from '@/server/auth/actor.ts';
import { createApplication, createEntitlement, createIdentity } from '@/server/seed/factories.ts';
import { databaseFingerprint, hostileInputs, WRONG_TYPES } from '@/server/testing/hostile-inputs.ts';
import { serveFetchHandler, type TServedHandler } from '@/server/testing/serve-fetch-handler.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { handleTrpcRequest } from './handle-trpc-request.ts';
import { appRouter } from './root.ts';

type TProcedure = { _def: { type: 'query' | 'mutation' | 'subscription'; inputs: unknown[] } };
/** Every procedure of the router, found from the router itself: a new one is covered without a list to update. */
const PROCEDURES = Object.entries(appRouter._def.procedures as unknown as Record<string, TProcedure>);

let t: TTestContext;
let asAdmin: TServedHandler;
let asNobody: TServedHandler;

const serveAs = (actor: TUserActor | null) =>
  serveFetchHandler((request) =>
    handleTrpcRequest(request, async () => ({
      db: t.prisma,
      queue: t.queue,
      queueAdmin: t.queueAdmin,
      secretKey: t.secretKey,
      actor,
    })),
  );

beforeAll(async () => {
  t = await createTestContext();
  const ivy = await createIdentity(t.prisma, {
    portalRoles: ['IDENTITY_ADMIN', 'AUDITOR', 'SECURITY_OFFICER'],
  });
  // A manager too: holding every permission, nothing she calls is refused (a refusal is audited, a write).
  await createIdentity(t.prisma, { managerId: ivy.id });
  const app = await createApplication(t.prisma);
  await createEntitlement(t.prisma, app.id);
  asAdmin = await serveAs(await t.actor(ivy.id));
  asNobody = await serveAs(null);
});
afterAll(async () => {
  await asAdmin?.close();
  await asNobody?.close();
  await t?.close();
});

/** Calls one procedure over HTTP as the portal's client does (superjson envelope); raw overrides the body or query. */
async function call(
  server: TServedHandler,
  path: string,
  type: TProcedure['_def']['type'],
  input: unknown,
  raw?: string,
) {
  const envelope = raw ?? JSON.stringify({ json: input });
  const response =
    type === 'query'
      ? await fetch(`${server.url}/api/trpc/${path}?input=${encodeURIComponent(envelope)}`)
      : await fetch(`${server.url}/api/trpc/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: envelope,
        });
  return { status: response.status, body: await response.text() };
}

/** Runs `calls` a few at a time and returns those answered with a 5xx. */
async function serverErrors(calls: Array<() => Promise<{ status: number; body: string; label: string }>>) {
  const failures: string[] = [];
  const queue = [...calls];
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const { status, body, label } = await next();
        if (status >= 500) failures.push(`${label} → ${status} ${body.slice(0, 200)}`);
      }
    }),
  );
  return failures;
}

const MALFORMED = {
  'malformed JSON': '{"json":',
  'an unknown superjson type': '{"json":{"a":"x"},"meta":{"values":{"a":["no-such-type"]}}}',
};

describe('generated hostile input over every tRPC procedure', () => {
  it(`answers none of ${PROCEDURES.length} procedures' hostile inputs with a 5xx, and writes nothing`, async () => {
    const before = await databaseFingerprint(t.prisma);
    const calls = PROCEDURES.flatMap(([path, procedure]) => {
      const { type, inputs } = procedure._def;
      // A procedure without input ignores what it is sent: as the admin it would just run.
      const generated = inputs.length ? hostileInputs(inputs[0]) : [];
      return [
        ...generated.map(({ label, input }) => async () => ({
          ...(await call(asAdmin, path, type, input)),
          label: `admin ${path}: ${label}`,
        })),
        ...Object.entries(MALFORMED).map(([label, raw]) => async () => ({
          ...(await call(asAdmin, path, type, undefined, raw)),
          label: `admin ${path}: ${label}`,
        })),
        ...Object.entries(WRONG_TYPES)
          .slice(0, 1)
          .map(([label, input]) => async () => ({
            ...(await call(asNobody, path, type, input)),
            label: `anonymous ${path}: ${label}`,
          })),
      ];
    });
    expect(calls.length).toBeGreaterThan(PROCEDURES.length * 3);
    expect(await serverErrors(calls)).toEqual([]);
    expect(await databaseFingerprint(t.prisma)).toEqual(before);
  });

  it('refuses a NUL or a lone surrogate anywhere in the input, keys included, with a 400 naming where', async () => {
    for (const input of [{ query: 'a\u0000' }, { query: 'x', limit: 5, '\uD800': 1 }, { query: '\uDFFFx' }]) {
      const { status, body } = await call(asAdmin, 'people.search', 'query', input);
      expect(status).toBe(400);
      expect(body).toMatch(/NUL character or broken Unicode/);
    }
    expect((await call(asAdmin, 'people.search', 'query', { query: 'Ad\uD83D\uDE00' })).status).toBe(200);
  });
});
