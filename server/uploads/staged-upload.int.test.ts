import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSecretKey } from '@/server/lib/secret-box.ts';
import {
  runSource,
  readStagedFile,
  STAGED_CHUNK_BYTES,
  STAGED_FILE_RETENTION_MS,
  sweepStagedFiles,
} from '@/server/modules/sources/index.ts';
import { createIdentity } from '@/server/seed/factories.ts';
import { databaseFingerprint } from '@/server/testing/hostile-inputs.ts';
import { TEST_SECRET_KEY } from '@/server/testing/test-ldap.ts';
import { serveFetchHandler, type TServedHandler } from '@/server/testing/serve-fetch-handler.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { handleSourceUpload } from './handle-source-upload.ts';

// HR uploads are staged in PostgreSQL (docs/decisions/074): these prove the bytes come back exactly,
// that neither the upload nor the read holds the whole file, and that a refused upload leaves nothing.

let t: TTestContext;
let sourceId: string;
let disabledId: string;
let server: TServedHandler;

beforeAll(async () => {
  t = await createTestContext();
  sourceId = (
    await t.prisma.identitySource.create({
      data: { key: 'hr-csv', name: 'HR CSV', kind: 'HR_CSV', precedence: 10, config: {} },
    })
  ).id;
  disabledId = (
    await t.prisma.identitySource.create({
      data: { key: 'hr-off', name: 'HR off', kind: 'HR_CSV', precedence: 20, config: {}, enabled: false },
    })
  ).id;
  const ivy = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
  const actor = await t.actor(ivy.id);
  server = await serveFetchHandler((request) =>
    handleSourceUpload(request, { db: t.prisma, queue: t.queue, actor: async () => actor }),
  );
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

/** `bytes` of CSV-like text, different on every line, so a chunk out of place changes the digest. */
function csvText(bytes: number): Buffer {
  const lines: string[] = ['emp_no,first_name'];
  let size = lines[0]!.length + 1;
  for (let i = 0; size < bytes; i++) {
    const line = `H${i},${crypto.createHash('md5').update(String(i)).digest('hex')}`;
    lines.push(line);
    size += line.length + 1;
  }
  return Buffer.from(`${lines.join('\n')}\n`).subarray(0, bytes);
}

/** A request body that sends `first`, then waits for `between` before it sends `rest`. */
function slowBody(first: Buffer, between: () => Promise<void>, rest: Buffer): ReadableStream<Uint8Array> {
  let step = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (step === 0) controller.enqueue(new Uint8Array(first));
      else if (step === 1) {
        await between();
        controller.enqueue(new Uint8Array(rest));
      } else controller.close();
      step += 1;
    },
  });
}

const post = (body: BodyInit, id = sourceId) =>
  fetch(`${server.url}/api/sources/${id}/upload`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv' },
    body,
    duplex: 'half',
  } as RequestInit);

const digest = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

async function readAll(id: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of readStagedFile(t.prisma, id)) parts.push(chunk);
  return Buffer.concat(parts);
}

describe('an HR upload staged in PostgreSQL', () => {
  it('round-trips a file of several chunks byte for byte', async () => {
    const file = csvText(3 * STAGED_CHUNK_BYTES + 12_345);
    const response = await post(new Uint8Array(file));
    expect(response.status).toBe(202);
    const { runId } = (await response.json()) as { runId: string };
    expect(await t.prisma.stagedFile.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({
      chunkCount: 4,
      bytes: BigInt(file.length),
    });
    const back = await readAll(runId);
    expect(back.length).toBe(file.length);
    expect(digest(back)).toBe(digest(file));
  });

  it('writes the first chunk before the rest of the body has arrived', async () => {
    const before = await t.prisma.stagedFileChunk.count();
    const first = csvText(STAGED_CHUNK_BYTES + 100);
    // The body waits until a chunk is in the database: an upload buffered in memory would never get there.
    const body = slowBody(
      first,
      () =>
        expect
          .poll(() => t.prisma.stagedFileChunk.count(), { timeout: 30_000 })
          .toBeGreaterThan(before)
          .then(() => {}),
      Buffer.from('H-last,end\n'),
    );
    const response = await post(body);
    expect(response.status).toBe(202);
    const { runId } = (await response.json()) as { runId: string };
    expect((await readAll(runId)).toString().endsWith('H-last,end\n')).toBe(true);
  });

  it('reads one chunk at a time, and a chunk gone while reading fails the read instead of shortening the file', async () => {
    const file = csvText(2 * STAGED_CHUNK_BYTES + 10);
    const { runId } = (await (await post(new Uint8Array(file))).json()) as { runId: string };
    const reader = readStagedFile(t.prisma, runId);
    const first = await reader.next();
    expect(first.value).toHaveLength(STAGED_CHUNK_BYTES);
    // Had the reader fetched the whole file, the rest would still come back.
    await t.prisma.stagedFileChunk.deleteMany({ where: { fileId: runId, seq: { gt: 0 } } });
    await expect(reader.next()).rejects.toThrow('the file of this run is no longer there');
  });

  it('leaves nothing behind when an upload is refused part-way', async () => {
    const before = await databaseFingerprint(t.prisma);
    const files = await t.prisma.stagedFile.count();
    const chunks = await t.prisma.stagedFileChunk.count();
    // A NUL two chunks in: the chunks before it were already written, and must go.
    const nul = Buffer.concat([csvText(2 * STAGED_CHUNK_BYTES + 5), Buffer.from([0]), Buffer.from('x\n')]);
    expect((await post(new Uint8Array(nul))).status).toBe(415);
    // The client goes away after the first chunk was written.
    const abort = new AbortController();
    const cut = slowBody(
      csvText(STAGED_CHUNK_BYTES + 100),
      async () => {
        await expect
          .poll(() => t.prisma.stagedFileChunk.count(), { timeout: 30_000 })
          .toBeGreaterThan(chunks);
        abort.abort();
      },
      Buffer.from('never sent\n'),
    );
    await expect(
      fetch(`${server.url}/api/sources/${sourceId}/upload`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv' },
        body: cut,
        duplex: 'half',
        signal: abort.signal,
      } as RequestInit),
    ).rejects.toThrow();
    await expect.poll(() => t.prisma.stagedFile.count(), { timeout: 30_000 }).toBe(files);
    // A disabled source: refused before a byte is stored.
    expect((await post(new Uint8Array(csvText(1000)), disabledId)).status).toBe(412);
    expect(await databaseFingerprint(t.prisma)).toEqual(before);
  });
});

describe('a run of a staged file', () => {
  it('reads it from PostgreSQL in a worker that shares no folder with the web process, then deletes it and keeps the run', async () => {
    const { runId } = (await (await post(new Uint8Array(csvText(STAGED_CHUNK_BYTES + 1)))).json()) as {
      runId: string;
    };
    // No `files` at all: the run needs nothing but the database.
    expect(
      await runSource(t.prisma, runId, { queue: t.queue, secretKey: parseSecretKey(TEST_SECRET_KEY) }),
    ).toBe('REJECTED');
    // It read the file's header from the database: the columns this source needs are not there.
    const run = await t.prisma.sourceRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run.report).toContainEqual(expect.objectContaining({ code: 'MISSING_COLUMN', fatal: true }));
    expect(await t.prisma.stagedFile.count({ where: { id: runId } })).toBe(0);
    expect(await t.prisma.stagedFileChunk.count({ where: { fileId: runId } })).toBe(0);
  });
});

describe('the sweep of staged files', () => {
  it('deletes files of ended runs and old files with no run, and keeps held and running runs’ files and fresh uploads', async () => {
    const now = new Date();
    const old = new Date(now.getTime() - STAGED_FILE_RETENTION_MS - 60_000);
    const file = async (createdAt: Date, run?: string) => {
      const id = crypto.randomUUID();
      await t.prisma.stagedFile.create({
        data: {
          id,
          name: 'x.csv',
          chunkCount: 1,
          createdAt,
          chunks: { create: { seq: 0, data: new Uint8Array([65]) } },
        },
      });
      if (run) await t.prisma.sourceRun.create({ data: { id, sourceId, trigger: 'UPLOAD', status: run } });
      return id;
    };
    const kept = [await file(old, 'HELD'), await file(old, 'RUNNING'), await file(now)];
    const swept = [await file(now, 'SUCCEEDED'), await file(now, 'DISCARDED'), await file(old)];
    expect(await sweepStagedFiles(t.prisma, { now })).toBe(swept.length);
    const left = (
      await t.prisma.stagedFile.findMany({ where: { id: { in: [...kept, ...swept] } }, select: { id: true } })
    ).map((f) => f.id);
    expect(left.sort()).toEqual([...kept].sort());
    expect(await t.prisma.stagedFileChunk.count({ where: { fileId: { in: swept } } })).toBe(0);
    expect(await t.prisma.sourceRun.count({ where: { id: { in: swept } } })).toBe(2);
  });
});
