import { z } from 'zod';
import { AppError } from './app-error.ts';

/**
 * The one page-cursor codec: a cursor is opaque base64url JSON of the list it belongs to and the
 * position in it (`{ l, p }`), checked with the list's own zod schema when it comes back. A cursor
 * handed to another list, edited or made up is refused before any query runs: a caller's mistake,
 * never a 500 and never a page read from the wrong place. Every keyset list that hands out a string
 * cursor (the use cases' lists and reports, and the connectors' listings through
 * server/connectors/sdk/page-cursor.ts) encodes it here.
 */
const ZEnvelope = z.object({ l: z.string().max(100), p: z.unknown() });

/** What a list throws for a cursor it did not give out; by default the caller's mistake (BAD_REQUEST). */
export type TRefuseCursor = (list: string, cursor: string) => Error;

const refuseAsInvalidInput: TRefuseCursor = (list) =>
  new AppError('INVALID_INPUT', `cursor: not one the ${list} list gave out`, { field: 'cursor' });

export type TPageCursorCodec<TPosition extends z.ZodType> = {
  encode: (at: z.output<TPosition>) => string;
  decode: (cursor: string) => z.output<TPosition>;
};

/**
 * The codec of one list. `position` parses what `encode` wrote once it has been through JSON, so a
 * Date is written as its ISO string and the schema turns it back (see `ZCursorDate`).
 */
export function pageCursorCodec<TPosition extends z.ZodType>(
  list: string,
  position: TPosition,
  refuse: TRefuseCursor = refuseAsInvalidInput,
): TPageCursorCodec<TPosition> {
  return {
    encode: (at) => Buffer.from(JSON.stringify({ l: list, p: at }), 'utf8').toString('base64url'),
    decode(cursor) {
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      } catch {
        // refused below
      }
      const envelope = ZEnvelope.safeParse(parsed);
      const at = envelope.success && envelope.data.l === list ? position.safeParse(envelope.data.p) : null;
      if (!at?.success) throw refuse(list, cursor);
      return at.data as z.output<TPosition>;
    },
  };
}

/** A Date inside a cursor: written by JSON as its ISO string, read back as a Date. */
export const ZCursorDate = z.iso.datetime().transform((s) => new Date(s));
