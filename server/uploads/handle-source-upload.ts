import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { TUserActor } from '@/server/auth/actor.ts';
import { hasPermission } from '@/server/auth/permissions.ts';
import type { TPrisma } from '@/server/db/client.ts';
import { httpStatusOf, isAppError } from '@/server/lib/app-error.ts';
import { isBrokenText } from '@/server/lib/broken-text.ts';
import { crossSiteWriteReason } from '@/server/lib/cross-site-write.ts';
import { recordRefusedAttempt } from '@/server/modules/audit/index.ts';
import { startSourceRun } from '@/server/modules/sources/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { decodePercentOrNull } from '@/server/lib/percent-decoding.ts';

export type TSourceUploadDeps = {
  db: TPrisma;
  queue: TJobQueue;
  /** The signed-in person, asked only once the request is otherwise acceptable. */
  actor: () => Promise<TUserActor | null>;
};

/** 200 MB: a 100,000-person HR extract is about 15 MB. */
const MAX_BYTES = 200 * 1024 * 1024;
const PATH = /^\/api\/sources\/([^/]*)\/upload\/?$/;

class UploadError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const fail = (status: number, message: string) =>
  Response.json({ error: message }, { status, headers: { 'Cache-Control': 'no-store' } });

/**
 * POST /api/sources/:id/upload — the CSV file as the raw request body (Content-Type text/csv, the
 * original name in X-File-Name). The body is streamed into PostgreSQL chunk by chunk with a size
 * limit, never held in memory (docs/decisions/074): the run (validation, then apply) happens in any
 * worker, which needs no disk shared with this process. Answers 202 with the run id. Over the Fetch
 * API so the Next.js route and the tests' HTTP server run the same code.
 */
export async function handleSourceUpload(request: Request, deps: TSourceUploadDeps): Promise<Response> {
  const crossSite = crossSiteWriteReason(request);
  if (crossSite) return fail(403, `Refused: ${crossSite}`);
  const actor = await deps.actor();
  if (!actor) return fail(401, 'Please sign in');
  if (!hasPermission(actor, 'admin.sources.manage')) {
    const reason = 'You do not have permission to do this';
    await recordRefusedAttempt(deps.db, actor, {
      procedure: 'POST /api/sources/:id/upload',
      permission: 'admin.sources.manage',
      code: 'FORBIDDEN',
      reason,
    });
    return fail(403, reason);
  }
  const id = decodePercentOrNull(PATH.exec(new URL(request.url).pathname)?.[1] ?? '');
  if (id === null || isBrokenText(id))
    return fail(400, 'The path holds a malformed percent-escape, a NUL character or broken Unicode');
  if (!/^[0-9a-f-]{36}$/i.test(id)) return fail(404, 'No such source');
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BYTES) return fail(413, `The file is larger than ${MAX_BYTES / 1024 / 1024} MB`);
  if (!request.body) return fail(400, 'The request has no file');
  const rawName = request.headers.get('x-file-name') ?? 'upload.csv';
  const name =
    path
      .basename(decodePercentOrNull(rawName) ?? rawName)
      .replace(/[^\w.\- ]/g, '_')
      .slice(0, 200) || 'upload.csv';
  try {
    const content = receive(request.body as unknown as NodeReadableStream);
    const { runId } = await startSourceRun(
      deps.db,
      actor,
      { sourceId: id, trigger: 'UPLOAD', file: { name, content } },
      { queue: deps.queue },
    );
    return Response.json({ runId }, { status: 202, headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    if (error instanceof UploadError) return fail(error.status, error.message);
    if (isAppError(error)) return fail(httpStatusOf(error), error.message);
    console.error('[upload]', error);
    return fail(500, 'Something went wrong on our side. It has been logged.');
  }
}

/** The body's bytes as they arrive, refusing more than MAX_BYTES, an empty body, or something that is not text. */
async function* receive(body: NodeReadableStream): AsyncGenerator<Buffer> {
  let bytes = 0;
  const guard = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      // A NUL anywhere, not only near the start: the worker would otherwise fail on it in PostgreSQL.
      if (chunk.includes(0))
        return done(new UploadError(415, 'This is not a text (CSV) file: it holds a NUL byte'));
      bytes += chunk.length;
      if (bytes > MAX_BYTES)
        return done(new UploadError(413, `The file is larger than ${MAX_BYTES / 1024 / 1024} MB`));
      done(null, chunk);
    },
  });
  const source = Readable.fromWeb(body);
  // The body failing to arrive (the client went away, the connection broke) is the caller's side, not a 500.
  source.on('error', () =>
    guard.destroy(new UploadError(400, 'The upload was cut off before the end of the file')),
  );
  yield* source.pipe(guard) as AsyncIterable<Buffer>;
  if (bytes === 0) throw new UploadError(400, 'The file is empty');
}
