import { z } from 'zod';
import { pageCursorCodec } from '../sdk/page-cursor.ts';
import { ConnectorError } from '../sdk/connector-error.ts';

/** A SOQL string literal: backslash escapes per the SOQL reference ("Quoted String Escape Sequences"). */
export function soqlString(value: string): string {
  const escaped = value.replace(/[\\'"\n\r\t\b\f]/g, (c) => {
    const map: Record<string, string> = {
      '\\': '\\\\',
      "'": "\\'",
      '"': '\\"',
      '\n': '\\n',
      '\r': '\\r',
      '\t': '\\t',
      '\b': '\\b',
      '\f': '\\f',
    };
    return map[c]!;
  });
  return `'${escaped}'`;
}

export const isSalesforceId = (value: string) => /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(value);

/** 15- and 18-character forms of one Id are the same record; the first 15 characters are case-sensitive. */
export const sameId = (a: string | null | undefined, b: string | null | undefined) =>
  !!a && !!b && a.slice(0, 15) === b.slice(0, 15);

/** Ids and field names are interpolated into SOQL and URLs: only well-formed ones get that far. */
export function assertId(value: string, what: string): string {
  if (!isSalesforceId(value))
    throw new ConnectorError('invalidAttribute', `${what} "${value}" is not a Salesforce Id`);
  return value;
}

export function assertFieldName(name: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name))
    throw new ConnectorError('invalidAttribute', `"${name}" is not a Salesforce field name`);
  return name;
}

/**
 * Cursors are keyset positions (the last Id seen, per phase), not query locators: a locator
 * expires after 15 minutes idle and a user may hold only 10 of them, so a reconciliation that
 * pages slowly, or runs beside others under the same integration user, would lose its place.
 */
export type TCursor = { phase: string; after: string | null };

/** Each list's phases, in the order it reads them: a cursor names one of its own list's phases. */
const PHASES = {
  accounts: ['User'],
  entitlements: ['Profile', 'PermissionSet', 'PermissionSetGroup'],
  grants: ['PermissionSetAssignment', 'Profile'],
} as const;
export type TSalesforceList = keyof typeof PHASES;

const cursors = pageCursorCodec(
  'Salesforce',
  z.object({ phase: z.string().max(40), after: z.string().refine(isSalesforceId).nullable() }),
);

export const encodeCursor = (list: TSalesforceList, cursor: TCursor): string => cursors.encode(list, cursor);

export function decodeCursor(list: TSalesforceList, cursor: string | null): TCursor {
  const phases: readonly string[] = PHASES[list];
  if (!cursor) return { phase: phases[0]!, after: null };
  const at = cursors.decode(list, cursor);
  if (!phases.includes(at.phase))
    throw new ConnectorError(
      'invalidConfig',
      `not a cursor this Salesforce connector issued for ${list}: ${cursor.slice(0, 40)}`,
    );
  return at;
}
