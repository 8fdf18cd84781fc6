/**
 * How a request is named to people: `REQ-` and the first eight hex digits of its id, upper case
 * (`REQ-3F9A01BC`). Requests have no sequence number of their own; the id's first digits are random
 * (UUIDv4), so eight of them tell requests apart in any realistic history, and a lookup by number
 * that does match two lists both. Every page that shows a request shows this.
 */
export function requestNumber(id: string): string {
  return `REQ-${id.replaceAll('-', '').slice(0, 8).toUpperCase()}`;
}

const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether a recorded reference is a request's id (and may be looked up as one), not free text. */
export const isRequestId = (ref: string) => REQUEST_ID.test(ref);

/**
 * A grant's reference to the request it came from, as people read it: the request's number when the
 * reference is a request id (the request itself may be gone), else the reference as it was recorded.
 */
export const requestRefText = (ref: string) => (isRequestId(ref) ? requestNumber(ref) : ref);

/** The lowest and highest ids whose hex digits start with `prefix` (PostgreSQL orders uuid bytewise). */
export type TIdRange = { gte: string; lte: string };

const HEX = /^[0-9a-f]+$/;
const asUuid = (hex: string) =>
  `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

/**
 * A request number as people type it (`REQ-3F9A01BC`, `req-3f9a01bc`, `#3f9a01bc`, `3F9A01BC`, a
 * longer prefix of the id, or the whole id) as the range of ids it names; null when it is not one
 * (fewer than four hex digits, or anything but hex after the prefix).
 */
export function parseRequestNumber(text: string): TIdRange | null {
  const hex = text
    .trim()
    .toLowerCase()
    .replace(/^(req-?|#)/, '')
    .replaceAll('-', '');
  if (hex.length < 4 || hex.length > 32 || !HEX.test(hex)) return null;
  return { gte: asUuid(hex.padEnd(32, '0')), lte: asUuid(hex.padEnd(32, 'f')) };
}
