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

export function encodeCursor(cursor: TCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(cursor: string | null, firstPhase: string): TCursor {
  if (!cursor) return { phase: firstPhase, after: null };
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as TCursor;
    if (typeof parsed.phase === 'string' && (parsed.after === null || isSalesforceId(parsed.after)))
      return parsed;
  } catch {
    // Reported below.
  }
  throw new ConnectorError('invalidConfig', 'the page cursor is not one this connector issued');
}
