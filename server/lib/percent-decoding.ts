/*
 * Percent-decoding that refuses what is malformed: a stray `%`, an escape that is not UTF-8.
 * URLSearchParams and WHATWG URL quietly turn those into U+FFFD, which would make a caller's broken
 * input a different, valid-looking value; edges answer 400 instead.
 */

/** The decoded text, or null when an escape is malformed or not UTF-8. */
export function decodePercentOrNull(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** A query string's parameters (the last of a repeated name; `+` is a space), or null when any escape is malformed. */
export function decodeQueryOrNull(search: string): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (const pair of search.replace(/^\?/, '').split('&')) {
    if (!pair) continue;
    const at = pair.indexOf('=');
    const [k, v] = at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
    const key = decodePercentOrNull(k.replaceAll('+', ' '));
    const value = decodePercentOrNull(v.replaceAll('+', ' '));
    if (key === null || value === null) return null;
    params[key] = value;
  }
  return params;
}
