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
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'object': {
      if (value instanceof JsonNumber) return value.text;
      // Loops and concatenation, not entries/map/join: the sealer runs this for every event.
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
        return out + ']';
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null)
        throw new TypeError(`canonicalJson: a ${value.constructor.name} is not plain JSON`);
      const obj = value as Record<string, unknown>;
      let out = '{';
      let first = true;
      for (const key of Object.keys(obj).sort()) {
        const v = obj[key];
        if (v === undefined) continue;
        out += (first ? '' : ',') + JSON.stringify(key) + ':' + canonicalJson(v);
        first = false;
      }
      return out + '}';
    }
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} is not JSON`);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * JSON.parse, except that numbers stay JsonNumber (their exact text). Objects have no prototype, so
 * a key such as "__proto__" is an ordinary key. A later duplicate key wins, as in jsonb.
 */
export function parseJsonExact(text: string): unknown {
  const parser = new ExactParser(text);
  const value = parser.value();
  parser.skipWhitespace();
  if (parser.at !== text.length) parser.fail('the end');
  return value;
}

// A character-code scanner: the sealer parses three payloads per event, hundreds of thousands in a row.
class ExactParser {
  at = 0;
  constructor(private readonly text: string) {}

  fail(what: string): never {
    throw new SyntaxError(`parseJsonExact: expected ${what} at ${this.at}`);
  }

  skipWhitespace() {
    const t = this.text;
    for (
      let c = t.charCodeAt(this.at);
      c === 32 || c === 10 || c === 13 || c === 9;
      c = t.charCodeAt(++this.at)
    );
  }

  expect(char: string) {
    this.skipWhitespace();
    if (this.text[this.at] !== char) this.fail(`"${char}"`);
    this.at++;
  }

  value(): unknown {
    this.skipWhitespace();
    const t = this.text;
    switch (t[this.at]) {
      case '{': {
        this.at++;
        const obj = Object.create(null) as Record<string, unknown>;
        this.skipWhitespace();
        if (t[this.at] === '}') {
          this.at++;
          return obj;
        }
        for (;;) {
          this.skipWhitespace();
          if (t[this.at] !== '"') this.fail('a key');
          const key = this.string();
          this.expect(':');
          obj[key] = this.value();
          this.skipWhitespace();
          const next = t[this.at++];
          if (next === '}') return obj;
          if (next !== ',') this.fail('"," or "}"');
        }
      }
      case '[': {
        this.at++;
        const arr: unknown[] = [];
        this.skipWhitespace();
        if (t[this.at] === ']') {
          this.at++;
          return arr;
        }
        for (;;) {
          arr.push(this.value());
          this.skipWhitespace();
          const next = t[this.at++];
          if (next === ']') return arr;
          if (next !== ',') this.fail('"," or "]"');
        }
      }
      case '"':
        return this.string();
      case 't':
        return this.word('true', true);
      case 'f':
        return this.word('false', false);
      case 'n':
        return this.word('null', null);
      default: {
        NUMBER.lastIndex = this.at;
        const m = NUMBER.exec(t);
        if (!m) this.fail('a value');
        this.at = NUMBER.lastIndex;
        return new JsonNumber(m[0]);
      }
    }
  }

  /** A string at `at`: sliced as it is when it has no escapes, else decoded (and checked) by JSON.parse. */
  string(): string {
    const t = this.text;
    const start = this.at;
    let escaped = false;
    for (let i = start + 1; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 92) {
        escaped = true;
        i++;
      } else if (c === 34) {
        this.at = i + 1;
        if (escaped) return JSON.parse(t.slice(start, i + 1)) as string;
        const raw = t.slice(start + 1, i);
        // A raw control character is not JSON.
        for (let k = 0; k < raw.length; k++)
          if (raw.charCodeAt(k) < 32) this.fail('no control character in a string');
        return raw;
      }
    }
    return this.fail('the end of a string');
  }

  word<T>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.at)) this.fail('a value');
    this.at += word.length;
    return value;
  }
}
