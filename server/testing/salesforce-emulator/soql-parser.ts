import { fault } from '@/server/testing/salesforce-emulator/api-fault.ts';

/**
 * The SOQL subset the connector sends (SOQL and SOSL Reference): SELECT field list FROM one object,
 * WHERE conditions joined by AND (=, !=, <, >, <=, >=, IN, NOT IN; one parent-relationship hop such
 * as PermissionSet.IsOwnedByProfile; dateTime literals), ORDER BY one field, LIMIT. Anything else is MALFORMED_QUERY,
 * so a connector change that needs more of SOQL fails loudly here rather than passing untested.
 */
export type TLiteral = string | number | boolean | null;
export type TOperator = '=' | '!=' | '<' | '>' | '<=' | '>=' | 'IN' | 'NOT IN';
export type TCondition = { path: string[]; op: TOperator; value: TLiteral | TLiteral[] };
export type TSoql = {
  fields: string[];
  object: string;
  where: TCondition[];
  orderBy?: { field: string; descending: boolean };
  limit?: number;
};

type TToken = { kind: 'word' | 'string' | 'number' | 'datetime' | 'punct'; text: string; value?: TLiteral };

export function parseSoql(soql: string): TSoql {
  const tokens = tokenize(soql);
  let i = 0;
  const peek = () => tokens[i];
  const isWord = (w: string) => peek()?.kind === 'word' && peek()!.text.toUpperCase() === w;
  const expectWord = (w: string) => {
    if (!isWord(w)) throw malformed(peek()?.text ?? '<EOF>');
    i++;
  };
  const name = () => {
    const t = peek();
    if (t?.kind !== 'word') throw malformed(t?.text ?? '<EOF>');
    i++;
    return t.text;
  };
  const literal = (): TLiteral => {
    const t = peek();
    if (!t) throw malformed('<EOF>');
    i++;
    if (t.kind === 'string' || t.kind === 'number' || t.kind === 'datetime') return t.value!;
    if (t.kind === 'word' && /^(true|false|null)$/i.test(t.text))
      return t.text.toLowerCase() === 'null' ? null : t.text.toLowerCase() === 'true';
    throw malformed(t.text);
  };
  const operator = (): TOperator => {
    if (isWord('IN')) {
      i++;
      return 'IN';
    }
    if (isWord('NOT')) {
      i++;
      expectWord('IN');
      return 'NOT IN';
    }
    const t = peek();
    if (t?.kind !== 'punct' || !COMPARISONS.includes(t.text)) throw malformed(t?.text ?? '<EOF>');
    i++;
    return t.text as TOperator;
  };
  const punct = (p: string) => {
    if (peek()?.kind !== 'punct' || peek()!.text !== p) throw malformed(peek()?.text ?? '<EOF>');
    i++;
  };

  expectWord('SELECT');
  const fields = [name()];
  while (peek()?.text === ',') {
    i++;
    fields.push(name());
  }
  expectWord('FROM');
  const query: TSoql = { fields, object: name(), where: [] };
  if (isWord('WHERE')) {
    i++;
    do {
      if (query.where.length) i++;
      const path = name().split('.');
      const op = operator();
      let value: TLiteral | TLiteral[];
      if (op === 'IN' || op === 'NOT IN') {
        punct('(');
        value = [literal()];
        while (peek()?.text === ',') {
          i++;
          value.push(literal());
        }
        punct(')');
      } else {
        value = literal();
      }
      query.where.push({ path, op, value });
    } while (isWord('AND'));
  }
  if (isWord('ORDER')) {
    i++;
    expectWord('BY');
    const field = name();
    let descending = false;
    if (isWord('ASC') || isWord('DESC')) descending = tokens[i++]!.text.toUpperCase() === 'DESC';
    query.orderBy = { field, descending };
  }
  if (isWord('LIMIT')) {
    i++;
    const n = literal();
    if (typeof n !== 'number' || n < 0) throw malformed(String(n));
    query.limit = n;
  }
  if (i !== tokens.length) throw malformed(peek()!.text);
  return query;
}

const COMPARISONS = ['=', '!=', '<', '>', '<=', '>='];
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})/;

const malformed = (near: string) => fault(400, 'MALFORMED_QUERY', `unexpected token: '${near}'`);

function tokenize(soql: string): TToken[] {
  const tokens: TToken[] = [];
  let i = 0;
  while (i < soql.length) {
    const c = soql.charAt(i);
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let value = '';
      i++;
      while (i < soql.length && soql.charAt(i) !== "'") {
        if (soql.charAt(i) === '\\') i++;
        value += soql.charAt(i++);
      }
      if (i >= soql.length) throw fault(400, 'MALFORMED_QUERY', 'unterminated string literal');
      i++;
      tokens.push({ kind: 'string', text: `'${value}'`, value });
    } else if (DATETIME.test(soql.slice(i))) {
      // dateTime literals are unquoted: 2026-01-31T09:15:00Z or with an offset (+01:00).
      const m = DATETIME.exec(soql.slice(i))![0];
      tokens.push({ kind: 'datetime', text: m, value: m });
      i += m.length;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(soql.slice(i))![0];
      tokens.push({ kind: 'number', text: m, value: Number(m) });
      i += m.length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(soql.slice(i))![0];
      tokens.push({ kind: 'word', text: m });
      i += m.length;
    } else {
      const two = soql.slice(i, i + 2);
      const p = ['!=', '<=', '>='].includes(two) ? two : c;
      if (![...COMPARISONS, ',', '(', ')'].includes(p)) throw malformed(p);
      tokens.push({ kind: 'punct', text: p });
      i += p.length;
    }
  }
  return tokens;
}
