/**
 * A JSON number exactly as the text it came from. JSON.parse rounds 12345678901234567891 and turns
 * 1e400 into Infinity: two different stored values would hash alike, so a change to one digit of a
 * large number would go unnoticed by the audit chain.
 */
export class JsonNumber {
  constructor(readonly text: string) {}
}

/**
 * The one canonical text of a JSON value, which the audit chain hashes: object keys sorted (by UTF-16
 * code units, as Array.prototype.sort does) at every depth, array order kept, no whitespace, strings
 * escaped as JSON.stringify escapes them, numbers as their JsonNumber text (or JSON.stringify's for
 * a JS number). jsonb hands keys back in its own order (shortest first) and a writer may build an
 * object in any order, so the chain never hashes the text PostgreSQL returns. Like JSON.stringify,
 * an undefined property is left out and an undefined array item is null.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof JsonNumber) return value.text;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) throw new TypeError(`canonicalJson: a ${value.constructor.name} is not plain JSON`);
      const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
      entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} is not JSON`);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// Finds where a string ends; JSON.parse then decodes it (and refuses what JSON does not allow).
const STRING = /"(?:[^"\\]|\\.)*"/y;
const WHITESPACE = /[ \t\n\r]*/y;

/**
 * JSON.parse, except that numbers stay JsonNumber (their exact text). Objects have no prototype, so
 * a key such as "__proto__" is an ordinary key. A later duplicate key wins, as in jsonb.
 */
export function parseJsonExact(text: string): unknown {
  let at = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`parseJsonExact: ${what} at ${at}`);
  };
  const skip = () => {
    WHITESPACE.lastIndex = at;
    WHITESPACE.exec(text);
    at = WHITESPACE.lastIndex;
  };
  const token = (re: RegExp): string | null => {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) return null;
    at = re.lastIndex;
    return m[0];
  };
  const value = (): unknown => {
    skip();
    const c = text[at];
    if (c === '{') {
      at++;
      const obj = Object.create(null) as Record<string, unknown>;
      skip();
      if (text[at] === '}') {
        at++;
        return obj;
      }
      for (;;) {
        skip();
        const key = token(STRING) ?? fail('a key');
        skip();
        if (text[at++] !== ':') fail('":"');
        obj[JSON.parse(key) as string] = value();
        skip();
        const next = text[at++];
        if (next === '}') return obj;
        if (next !== ',') fail('"," or "}"');
      }
    }
    if (c === '[') {
      at++;
      const arr: unknown[] = [];
      skip();
      if (text[at] === ']') {
        at++;
        return arr;
      }
      for (;;) {
        arr.push(value());
        skip();
        const next = text[at++];
        if (next === ']') return arr;
        if (next !== ',') fail('"," or "]"');
      }
    }
    if (c === '"') return JSON.parse(token(STRING) ?? fail('a string')) as string;
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return v;
      }
    }
    return new JsonNumber(token(NUMBER) ?? fail('a value'));
  };
  const result = value();
  skip();
  if (at !== text.length) fail('the end');
  return result;
}
