import { ScimError } from '../scim-error.ts';

/**
 * RFC 7644 §3.4.2.2 filters, parsed into a tree. scimmy's own parser cannot be used here: it ends a
 * string at the first `"` even after a backslash, rewrites `not (a and b)` as `not a and not b`,
 * and accepts `userName eq` without a value (docs/decisions/010-scim-server.md). Strings
 * are JSON strings, so JSON.parse decodes them exactly.
 */
export type TCompareOp = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'lt' | 'ge' | 'le';
export type TFilterValue = string | number | boolean | null;
/** `urn:...:User:name.givenName` is { schema: 'urn:...:User', attribute: 'name', sub: 'givenName' }. */
export type TAttrPath = { schema: string | null; attribute: string; sub: string | null };

export type TFilter =
  | { kind: 'and' | 'or'; left: TFilter; right: TFilter }
  | { kind: 'not'; filter: TFilter }
  | { kind: 'compare'; path: TAttrPath; op: TCompareOp; value: TFilterValue }
  | { kind: 'present'; path: TAttrPath }
  /** `emails[type eq "work"]`: some element of a multi-valued attribute matches the inner filter. */
  | { kind: 'valuePath'; path: TAttrPath; filter: TFilter };

const COMPARE_OPS = new Set(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'lt', 'ge', 'le']);

type TToken =
  | { t: 'word'; v: string; at: number }
  | { t: 'string'; v: string; at: number }
  | { t: 'number'; v: number; at: number }
  | { t: '(' | ')' | '[' | ']'; at: number }
  | { t: 'sub'; v: string; at: number };

const invalid = (message: string) => new ScimError(400, 'invalidFilter', message);

function tokenize(input: string): TToken[] {
  const tokens: TToken[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === '[' || c === ']') {
      tokens.push({ t: c, at: i });
      i++;
    } else if (c === '"') {
      // eslint-disable-next-line no-control-regex -- JSON strings cannot hold raw control characters
      const m = /^"(?:[^"\\\u0000-\u001f]|\\.)*"/.exec(input.slice(i));
      if (!m) throw invalid(`Unterminated string at position ${i + 1}`);
      let value: string;
      try {
        value = JSON.parse(m[0]) as string;
      } catch {
        throw invalid(`Invalid escape in string at position ${i + 1}`);
      }
      tokens.push({ t: 'string', v: value, at: i });
      i += m[0].length;
    } else if (c === '.' && tokens.at(-1)?.t === ']') {
      const m = /^\.([A-Za-z][\w$-]*)/.exec(input.slice(i));
      if (!m) throw invalid(`Expected a sub-attribute after "]" at position ${i + 1}`);
      tokens.push({ t: 'sub', v: m[1]!, at: i });
      i += m[0].length;
    } else if (/[-\d]/.test(c)) {
      const m = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(input.slice(i));
      if (!m) throw invalid(`Unexpected "${c}" at position ${i + 1}`);
      tokens.push({ t: 'number', v: Number(m[0]), at: i });
      i += m[0].length;
    } else if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][\w$:.-]*/.exec(input.slice(i))!;
      tokens.push({ t: 'word', v: m[0], at: i });
      i += m[0].length;
    } else {
      throw invalid(`Unexpected "${c}" at position ${i + 1}`);
    }
  }
  return tokens;
}

/** Splits `urn:...:User:name.givenName` into schema, attribute and sub-attribute. */
export function parseAttrPath(text: string, schemas: readonly string[]): TAttrPath {
  let schema: string | null = null;
  let rest = text;
  if (/^urn:/i.test(text)) {
    const known = schemas.find((s) => text.toLowerCase().startsWith(`${s.toLowerCase()}:`));
    const cut = known ? known.length : text.lastIndexOf(':');
    schema = known ?? text.slice(0, cut);
    rest = text.slice(cut + 1);
  }
  const parts = rest.split('.');
  if (parts.length > 2 || parts.some((p) => !/^[A-Za-z$][\w$-]*$/.test(p)))
    throw invalid(`Invalid attribute path "${text}"`);
  return { schema, attribute: parts[0]!, sub: parts[1] ?? null };
}

class Parser {
  private i = 0;
  constructor(
    private readonly tokens: TToken[],
    private readonly schemas: readonly string[],
  ) {}

  parse(): TFilter {
    const filter = this.or();
    const extra = this.tokens[this.i];
    if (extra) throw invalid(`Unexpected ${describe(extra)} at position ${extra.at + 1}`);
    return filter;
  }

  private peekWord(...words: string[]): boolean {
    const t = this.tokens[this.i];
    return t?.t === 'word' && words.includes(t.v.toLowerCase());
  }

  private or(): TFilter {
    let left = this.and();
    while (this.peekWord('or')) {
      this.i++;
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): TFilter {
    let left = this.unary();
    while (this.peekWord('and')) {
      this.i++;
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): TFilter {
    if (this.peekWord('not')) {
      this.i++;
      return { kind: 'not', filter: this.unary() };
    }
    const t = this.tokens[this.i];
    if (!t) throw invalid('The filter ends too early');
    if (t.t === '(') {
      this.i++;
      const inner = this.or();
      this.expect(')');
      return inner;
    }
    if (t.t !== 'word') throw invalid(`Expected an attribute at position ${t.at + 1}, found ${describe(t)}`);
    this.i++;
    const path = parseAttrPath(t.v, this.schemas);
    if (this.tokens[this.i]?.t === '[') {
      if (path.sub) throw invalid(`A value filter cannot follow the sub-attribute in "${t.v}"`);
      this.i++;
      let inner = this.or();
      this.expect(']');
      const next = this.tokens[this.i];
      // Not in RFC 7644's grammar, but clients send `emails[type eq "work"].value eq "x"`.
      if (next?.t === 'sub') {
        this.i++;
        inner = {
          kind: 'and',
          left: inner,
          right: this.comparison({ schema: null, attribute: next.v, sub: null }),
        };
      }
      return { kind: 'valuePath', path, filter: inner };
    }
    return this.comparison(path);
  }

  private comparison(path: TAttrPath): TFilter {
    const opToken = this.tokens[this.i];
    if (opToken?.t !== 'word') throw invalid(`Expected an operator after "${path.attribute}"`);
    const op = opToken.v.toLowerCase();
    this.i++;
    if (op === 'pr') return { kind: 'present', path };
    if (!COMPARE_OPS.has(op)) throw invalid(`Unknown operator "${opToken.v}" at position ${opToken.at + 1}`);
    const v = this.tokens[this.i];
    if (!v) throw invalid(`Operator "${op}" needs a value`);
    this.i++;
    if (v.t === 'string' || v.t === 'number')
      return { kind: 'compare', path, op: op as TCompareOp, value: v.v };
    if (v.t === 'word' && ['true', 'false', 'null'].includes(v.v.toLowerCase())) {
      const literal = v.v.toLowerCase();
      return {
        kind: 'compare',
        path,
        op: op as TCompareOp,
        value: literal === 'null' ? null : literal === 'true',
      };
    }
    throw invalid(`Expected a value after "${op}" at position ${v.at + 1} (strings are quoted)`);
  }

  private expect(kind: ')' | ']') {
    const t = this.tokens[this.i];
    if (t?.t !== kind)
      throw invalid(`Expected "${kind}"${t ? ` at position ${t.at + 1}` : ' before the end'}`);
    this.i++;
  }
}

function describe(t: TToken): string {
  if (t.t === 'word' || t.t === 'sub') return `"${t.v}"`;
  if (t.t === 'string') return `the string ${JSON.stringify(t.v)}`;
  if (t.t === 'number') return `the number ${t.v}`;
  return `"${t.t}"`;
}

/** Parses a filter; `schemas` are the URNs an attribute path may be qualified with. */
export function parseFilter(text: string, schemas: readonly string[]): TFilter {
  // tooMany is for results; a filter the server will not parse is invalidFilter (RFC 7644 §3.12).
  if (text.length > 4000) throw invalid('The filter is longer than 4000 characters');
  const tokens = tokenize(text);
  if (tokens.length === 0) throw invalid('The filter is empty');
  return new Parser(tokens, schemas).parse();
}
