import { z } from 'zod';
import { ConnectorError, type TConnectorErrorKind } from './connector-error.ts';

/**
 * The one codec for connectors' page cursors: opaque base64url JSON that names the connector and the
 * list it pages beside the position, so a cursor handed back to another list or another connector is
 * refused with a permanent error instead of being followed from the wrong place.
 */
export function pageCursorCodec<TPosition extends z.ZodType>(
  connector: string,
  position: TPosition,
  kind: TConnectorErrorKind = 'invalidConfig',
) {
  const ZEnvelope = z.object({ c: z.literal(connector), l: z.string().max(60), p: z.unknown() });
  return {
    encode: (list: string, at: z.infer<TPosition>): string =>
      Buffer.from(JSON.stringify({ c: connector, l: list, p: at }), 'utf8').toString('base64url'),
    decode(list: string, cursor: string): z.infer<TPosition> {
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      } catch {
        // refused below
      }
      const envelope = ZEnvelope.safeParse(parsed);
      const at = envelope.success && envelope.data.l === list ? position.safeParse(envelope.data.p) : null;
      if (!at?.success)
        throw new ConnectorError(
          kind,
          `not a cursor this ${connector} connector issued for ${list}: ${cursor.slice(0, 40)}`,
        );
      return at.data as z.infer<TPosition>;
    },
  };
}
