import type { z } from 'zod';
import { pageCursorCodec as listCursorCodec } from '@/server/lib/page-cursor.ts';
import { ConnectorError, type TConnectorErrorKind } from './connector-error.ts';

/**
 * Connectors' page cursors, on the one codec (server/lib/page-cursor.ts): each names its connector
 * and the list it pages beside the position, so a cursor handed back to another list or another
 * connector is refused with a permanent ConnectorError instead of being followed from the wrong place.
 * (LDAP paged-results cookies and SCIM startIndex are the targets' own paging and never leave the
 * connector: what a caller holds is always one of these.)
 */
export function pageCursorCodec<TPosition extends z.ZodType>(
  connector: string,
  position: TPosition,
  kind: TConnectorErrorKind = 'invalidConfig',
) {
  const codecOf = (list: string) =>
    listCursorCodec(
      `${connector} ${list}`,
      position,
      (_, cursor) =>
        new ConnectorError(
          kind,
          `not a cursor this ${connector} connector issued for ${list}: ${cursor.slice(0, 40)}`,
        ),
    );
  return {
    encode: (list: string, at: z.output<TPosition>): string => codecOf(list).encode(at),
    decode: (list: string, cursor: string): z.output<TPosition> => codecOf(list).decode(cursor),
  };
}
