import crypto from 'node:crypto';
import { stableStringify } from '@/server/lib/stable-stringify.ts';
import { ScimError } from './scim-error.ts';

/** A weak ETag over the representation (without meta), so any visible change changes it. */
export function contentEtag(representation: Record<string, unknown>): string {
  const { meta: _meta, ...rest } = representation;
  return `W/"${crypto.createHash('sha256').update(stableStringify(rest)).digest('base64url').slice(0, 22)}"`;
}

const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

/** RFC 7644 §3.14 with RFC 7232 §3.1: a write with a stale If-Match fails with 412. */
export function assertIfMatch(ifMatch: string | null, current: string): void {
  if (!ifMatch || ifMatch.trim() === '*') return;
  const wanted = ifMatch.split(',').map(opaque);
  if (!wanted.includes(opaque(current)))
    throw new ScimError(412, null, `The resource has changed: its version is now ${current}`);
}

/** If-None-Match on a read: true when the client's copy is current. */
export function matchesIfNoneMatch(ifNoneMatch: string | null, current: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').map(opaque).includes(opaque(current));
}
