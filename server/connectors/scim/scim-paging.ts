import type { TListOptions } from '../sdk/connector.ts';
import { z } from 'zod';
import { ConnectorError } from '../sdk/connector-error.ts';
import { pageCursorCodec } from '../sdk/page-cursor.ts';
import type { ScimHttp, TScimResponse } from './scim-http.ts';

/**
 * Opaque cursors over RFC 7644 §3.4.2.4 index paging. Index paging can skip or repeat a resource
 * when others are created or deleted between pages; reconciliation tolerates both. The cursor also
 * carries the first id of the page it follows (to see a server that answers the same page again)
 * and whether an incremental read fell back to a full one.
 */
export type TScimCursor = { startIndex: number; previousFirstId: string | null; full: boolean };

const cursors = pageCursorCodec(
  'SCIM',
  z.object({
    startIndex: z.number().int().min(1),
    previousFirstId: z.string().max(1024).nullable(),
    full: z.boolean(),
  }),
  'invalidAttribute',
);

export const encodeCursor = (path: '/Users' | '/Groups', cursor: TScimCursor): string =>
  cursors.encode(path, cursor);

export function decodeCursor(path: '/Users' | '/Groups', cursor: string | null): TScimCursor {
  return cursor === null
    ? { startIndex: 1, previousFirstId: null, full: false }
    : cursors.decode(path, cursor);
}

export type TListPage = { resources: Record<string, unknown>[]; nextStartIndex: number | null };

/** Reads a ListResponse; a server that ignores `count` and returns everything simply ends paging. */
export function readListResponse(response: TScimResponse, startIndex: number, count: number): TListPage {
  const body = response.body ?? {};
  const resources = (Array.isArray(body.Resources) ? body.Resources : []).filter(
    (r): r is Record<string, unknown> => !!r && typeof r === 'object',
  );
  const total = typeof body.totalResults === 'number' ? body.totalResults : null;
  const next = startIndex + resources.length;
  const more = resources.length > 0 && (total === null ? resources.length >= count : next <= total);
  return { resources, nextStartIndex: more ? next : null };
}

const idOf = (r: Record<string, unknown> | undefined) => (typeof r?.id === 'string' ? r.id : null);

/**
 * One page of /Users or /Groups, with the guards a reconciliation needs:
 * - a server that does not honour startIndex (it says it answered from another index, or answers
 *   the page before again) would be paged forever or read as duplicates: a permanent error naming
 *   the listing;
 * - `changedSince` becomes `filter=meta.lastModified ge "<instant>"` (at or after, as Salesforce's
 *   SystemModstamp >=); a server that answers 400 invalidFilter (it cannot filter on meta) is read
 *   in full instead, and the pages say so with `complete: true`.
 */
export async function listScimPage(
  http: ScimHttp,
  path: '/Users' | '/Groups',
  query: Record<string, string>,
  cursor: string | null,
  count: number,
  options: TListOptions | undefined,
  context: string,
): Promise<{ resources: Record<string, unknown>[]; nextCursor: string | null; complete?: boolean }> {
  const position = decodeCursor(path, cursor);
  const since = options?.changedSince;
  if (since !== undefined && Number.isNaN(since.getTime())) {
    throw new ConnectorError('invalidAttribute', 'changedSince is not a valid instant');
  }
  let full = position.full || since === undefined;
  const ask = (filtered: boolean) =>
    http.request(
      {
        method: 'GET',
        path,
        query: {
          ...query,
          ...(filtered
            ? { filter: `meta.lastModified ge ${JSON.stringify(new Date(since!).toISOString())}` }
            : {}),
          startIndex: position.startIndex,
          count,
        },
      },
      context,
      filtered ? [400] : [],
    );
  let response = await ask(!full);
  if (response.status === 400) {
    const scimType = response.body?.scimType;
    if (scimType !== 'invalidFilter' || position.startIndex !== 1) {
      const detail =
        typeof response.body?.detail === 'string'
          ? response.body.detail
          : 'the server refused the changedSince filter';
      throw new ConnectorError(
        'invalidAttribute',
        `${context}: HTTP 400${typeof scimType === 'string' ? ` (${scimType})` : ''}: ${detail}`,
      );
    }
    full = true;
    response = await ask(false);
  }
  const page = readListResponse(response, position.startIndex, count);
  const answeredFrom = response.body?.startIndex;
  const first = idOf(page.resources[0]);
  if (
    page.resources.length > 0 &&
    ((typeof answeredFrom === 'number' && answeredFrom !== position.startIndex) ||
      (first !== null && first === position.previousFirstId))
  ) {
    throw new ConnectorError(
      'unsupported',
      `${context}: the page cursor did not move forward (asked for startIndex ${position.startIndex}, the server answered ${typeof answeredFrom === 'number' && answeredFrom !== position.startIndex ? `from ${answeredFrom}` : 'the previous page again'}); the server does not honour startIndex, so paging would never end`,
    );
  }
  const nextCursor = page.nextStartIndex
    ? encodeCursor(path, {
        startIndex: page.nextStartIndex,
        previousFirstId: first,
        full: full && since !== undefined,
      })
    : null;
  return {
    resources: page.resources,
    nextCursor,
    ...(since !== undefined && full ? { complete: true } : {}),
  };
}
