import crypto from 'node:crypto';
import type { TPrisma } from '@/server/db/client.ts';

/** What a generated input puts in each kind of slot. */
type TFill = { text: (format: string | undefined) => string; number: () => number };

type TDef = { type: string; [key: string]: unknown };
const defOf = (schema: unknown): TDef => (schema as { _zod: { def: TDef } })._zod.def;

const VALID_FORMATS: Record<string, () => string> = {
  uuid: () => crypto.randomUUID(),
  guid: () => crypto.randomUUID(),
  email: () => 'someone@example.com',
  datetime: () => new Date().toISOString(),
  date: () => '2026-01-01',
  url: () => 'https://example.com/',
};

/** A value shaped like `schema` (zod 4) with `fill` in every string and number slot. */
export function sampleOf(schema: unknown, fill: TFill, depth = 0): unknown {
  if (depth > 8) return null;
  const def = defOf(schema);
  const inner = (s: unknown) => sampleOf(s, fill, depth + 1);
  switch (def.type) {
    case 'string':
      return fill.text(def.format as string | undefined);
    case 'number':
    case 'int':
      return fill.number();
    case 'bigint':
      return fill.number();
    case 'boolean':
      return true;
    case 'date':
      return new Date();
    case 'enum':
      return Object.values(def.entries as Record<string, unknown>)[0];
    case 'literal':
      return (def.values as unknown[])[0];
    case 'object':
      return Object.fromEntries(
        Object.entries(def.shape as Record<string, unknown>).map(([k, v]) => [k, inner(v)]),
      );
    case 'array':
    case 'set':
      return [inner(def.element ?? def.valueType)];
    case 'tuple':
      return (def.items as unknown[]).map(inner);
    case 'record':
      return { [String(inner(def.keyType))]: inner(def.valueType) };
    case 'union':
      return inner((def.options as unknown[])[0]);
    case 'intersection':
      return { ...(inner(def.left) as object), ...(inner(def.right) as object) };
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return inner(def.innerType);
    case 'pipe':
      return inner(defOf(def.in).type === 'transform' ? def.out : def.in);
    case 'lazy':
      return inner((def.getter as () => unknown)());
    default:
      return fill.text(undefined);
  }
}

/** Strings no legitimate caller sends, each of which once reached PostgreSQL or broke a handler. */
export const HOSTILE_TEXTS = {
  nul: 'a\u0000b',
  loneHighSurrogate: 'a\uD800b',
  loneLowSurrogate: '\uDC00b',
  overLong: 'x'.repeat(10_000),
} as const;

export const HOSTILE_NUMBERS = {
  huge: 1e20,
  hugeNegative: -1e20,
  largest: Number.MAX_VALUE,
  fraction: 0.5,
} as const;

/** Values of the wrong type for any input (no `{}`: an input of only defaults rightly takes it). */
export const WRONG_TYPES: Record<string, unknown> = {
  text: 'x',
  number: 1,
  array: [],
  null: null,
  boolean: true,
};

/**
 * Generated hostile inputs for one input schema: every hostile string in every string slot (formatted
 * ones too, or only plain ones with valid uuids and e-mails so the hostile text gets past them), every
 * hostile number in every number slot, and wrong types for the whole input.
 */
export function hostileInputs(schema: unknown): Array<{ label: string; input: unknown }> {
  const out: Array<{ label: string; input: unknown }> = [];
  // Only inputs that really carry something hostile: a valid one would rightly be obeyed (and write).
  const generate = (
    label: string,
    text: (format: string | undefined) => string | null,
    number: () => number | null,
  ) => {
    let isHostile = false;
    const mark = <T>(value: T | null, fallback: T): T =>
      value === null ? fallback : ((isHostile = true), value);
    const input = sampleOf(schema, {
      text: (format) => mark(text(format), VALID_FORMATS[format ?? '']?.() ?? 'x'),
      number: () => mark(number(), 1),
    });
    if (isHostile) out.push({ label, input });
  };
  for (const [name, text] of Object.entries(HOSTILE_TEXTS)) {
    generate(
      `${name} in every string`,
      () => text,
      () => null,
    );
    generate(
      `${name} in every plain string`,
      (format) => (format && VALID_FORMATS[format] ? null : text),
      () => null,
    );
  }
  for (const [name, n] of Object.entries(HOSTILE_NUMBERS))
    generate(
      `${name} in every number`,
      () => null,
      () => n,
    );
  for (const [name, value] of Object.entries(WRONG_TYPES))
    out.push({ label: `${name} as the whole input`, input: value });
  const seen = new Set<string>();
  return out.filter(({ input }) => {
    const key = JSON.stringify(input) ?? 'undefined';
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/**
 * A fingerprint of every row of every table the app owns: equal before and after means nothing was
 * inserted, updated or deleted.
 */
export async function databaseFingerprint(db: TPrisma): Promise<Record<string, string>> {
  const tables = await db.$queryRawUnsafe<Array<{ name: string }>>(
    `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1`,
  );
  const sums = await Promise.all(
    tables.map(async ({ name }) => {
      const [row] = await db.$queryRawUnsafe<Array<{ sum: string | null }>>(
        `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS sum FROM ${name} t`,
      );
      return [name, row?.sum ?? 'empty'] as const;
    }),
  );
  return Object.fromEntries(sums);
}
