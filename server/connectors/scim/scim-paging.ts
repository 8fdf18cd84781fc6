import { ConnectorError } from '../sdk/connector-error.ts';
import type { TScimResponse } from './scim-http.ts';

/**
 * Opaque cursors over RFC 7644 §3.4.2.4 index paging. Index paging can skip or repeat a resource
 * when others are created or deleted between pages; reconciliation tolerates both.
 */
export function encodeCursor(startIndex: number): string {
  return Buffer.from(JSON.stringify({ s: startIndex })).toString('base64url');
}

export function decodeCursor(cursor: string | null): number {
  if (cursor === null) return 1;
  try {
    const { s } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { s?: unknown };
    if (typeof s === 'number' && Number.isInteger(s) && s >= 1) return s;
  } catch {
    // fall through to the error below
  }
  throw new ConnectorError('invalidAttribute', `not a SCIM page cursor: ${cursor.slice(0, 40)}`);
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
