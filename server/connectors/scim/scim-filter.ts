/**
 * RFC 7644 §3.4.2.2: a filter's comparison value is a JSON string (RFC 7159), so JSON's own
 * escaping is exactly right: quotes, backslashes and control characters are escaped, the rest of
 * Unicode is kept. `attribute` comes from configuration, never from user data.
 */
export function eqFilter(attribute: string, value: string): string {
  return `${attribute} eq ${JSON.stringify(value)}`;
}
