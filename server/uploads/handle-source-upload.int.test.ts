import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TUserActor } from '@/server/auth/actor.ts';
import { createIdentity } from '@/server/seed/factories.ts';
import { databaseFingerprint, HOSTILE_TEXTS } from '@/server/testing/hostile-inputs.ts';
import { serveFetchHandler, type TServedHandler } from '@/server/testing/serve-fetch-handler.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { handleSourceUpload } from './handle-source-upload.ts';

let t: TTestContext;
let dir: string;
let sourceId: string;
let asAdmin: TServedHandler;
let asNobody: TServedHandler;

const serveAs = (actor: TUserActor | null) =>
  serveFetchHandler((request) =>
    handleSourceUpload(request, { db: t.prisma, queue: t.queue, actor: async () => actor }),
  );

beforeAll(async () => {
  t = await createTestContext();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-upload-'));
  sourceId = (
    await t.prisma.identitySource.create({
      data: { key: 'hr-csv', name: 'HR CSV', kind: 'HR_CSV', precedence: 10, config: {} },
    })
  ).id;
  const ivy = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
  asAdmin = await serveAs(await t.actor(ivy.id));
  asNobody = await serveAs(null);
});
afterAll(async () => {
  await asAdmin?.close();
  await asNobody?.close();
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const CSV = 'emp_no,first_name\nH1,Ana\n';
const enc = (s: string) =>
  [...s].map((c) => (/[\uD800-\uDFFF]/.test(c) ? '%ED%A0%80' : encodeURIComponent(c))).join('');

function upload(
  server: TServedHandler,
  o: { id?: string; body?: string; headers?: Record<string, string> } = {},
) {
  return fetch(`${server.url}/api/sources/${o.id ?? sourceId}/upload`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', ...o.headers },
    body: o.body ?? CSV,
  });
}

describe('generated hostile input to the HR file upload', () => {
  it('answers none with a 5xx and writes nothing', async () => {
    const before = await databaseFingerprint(t.prisma);
    const cases: Array<[string, () => Promise<Response>]> = [
      ['a malformed percent-escape as the id', () => upload(asAdmin, { id: '%E0%A4%A' })],
      ...Object.entries(HOSTILE_TEXTS).map(([name, text]): [string, () => Promise<Response>] => [
        `${name} as the id`,
        () => upload(asAdmin, { id: enc(text) }),
      ]),
      ['an unknown id', () => upload(asAdmin, { id: '00000000-0000-4000-8000-000000000000' })],
      ['a NUL near the start', () => upload(asAdmin, { body: `a,b\n\u0000` })],
      ['a NUL deep in the file', () => upload(asAdmin, { body: `${CSV.repeat(2000)}\u0000${CSV}` })],
      ['an empty file', () => upload(asAdmin, { body: '' })],
      [
        'a cross-origin form',
        () => upload(asAdmin, { headers: { origin: 'http://localhost:1', 'content-type': 'text/plain' } }),
      ],
      ['a same-site request', () => upload(asAdmin, { headers: { 'sec-fetch-site': 'same-site' } })],
      ['nobody signed in', () => upload(asNobody)],
      ['nobody signed in, a malformed id', () => upload(asNobody, { id: '%E0%A4%A' })],
    ];
    const answers: string[] = [];
    for (const [label, send] of cases) {
      const response = await send();
      answers.push(
        `${label}: ${response.status >= 500 ? `${response.status} ${await response.text()}` : '4xx'}`,
      );
      expect(response.status, label).toBeGreaterThanOrEqual(400);
    }
    expect(answers).toEqual(cases.map(([label]) => `${label}: 4xx`));
    expect(await databaseFingerprint(t.prisma)).toEqual(before);
  });

  it('refuses a file with a NUL past its first 4 KB, and a request from another origin', async () => {
    const deep = await upload(asAdmin, { body: `${CSV.repeat(2000)}\u0000` });
    expect(deep.status).toBe(415);
    const crossOrigin = await upload(asAdmin, { headers: { origin: 'http://localhost:1' } });
    expect(crossOrigin.status).toBe(403);
    expect(await t.prisma.sourceRun.count()).toBe(0);
  });

  it('accepts a CSV file from the portal itself', async () => {
    const response = await upload(asAdmin, {
      headers: { origin: asAdmin.url, 'sec-fetch-site': 'same-origin', 'x-file-name': enc('hr\u0000.csv') },
    });
    expect(response.status).toBe(202);
    const run = await t.prisma.sourceRun.findFirstOrThrow({ select: { fileName: true } });
    expect(run.fileName).toBe('hr_.csv');
  });
});
