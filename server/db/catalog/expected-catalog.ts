import { get_dmmf } from '@prisma/prisma-schema-wasm';
import { TRIGGER_CHECKED_RELATIONS } from './trigger-checked-relations.ts';
import type { TCatalog, TColumn, TForeignKey, TIndex, TReferentialAction, TTable } from './catalog-types.ts';

type TDmmfField = {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'enum' | 'object' | 'unsupported';
  type: string;
  isList: boolean;
  isRequired: boolean;
  isId: boolean;
  isUnique: boolean;
  isUpdatedAt: boolean;
  hasDefaultValue: boolean;
  default?: unknown;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
};
type TDmmfModel = {
  name: string;
  dbName: string | null;
  fields: TDmmfField[];
  primaryKey: { name: string | null; fields: string[] } | null;
};
type TDmmfIndex = {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  dbName?: string | null;
  fields: { name: string }[];
};
type TDmmf = {
  datamodel: {
    enums: { name: string; dbName?: string | null; values: { name: string; dbName?: string | null }[] }[];
    models: TDmmfModel[];
    indexes: TDmmfIndex[];
  };
};

const SCALAR_TYPES: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Boolean: 'boolean',
  DateTime: 'timestamp(3)',
  Float: 'double precision',
  Decimal: 'numeric(65,30)',
  Json: 'jsonb',
  Bytes: 'bytea',
};

const NATIVE_TYPES: Record<string, (args: string[]) => string> = {
  Uuid: () => 'uuid',
  Date: () => 'date',
  Text: () => 'text',
  VarChar: (a) => (a[0] ? `varchar(${a[0]})` : 'varchar'),
  Timestamptz: (a) => `timestamptz(${a[0] ?? 3})`,
  Timestamp: (a) => `timestamp(${a[0] ?? 3})`,
  Integer: () => 'integer',
  SmallInt: () => 'smallint',
  JsonB: () => 'jsonb',
  Inet: () => 'inet',
};

const ACTIONS: Record<string, TReferentialAction> = {
  Cascade: 'CASCADE',
  Restrict: 'RESTRICT',
  NoAction: 'NO ACTION',
  SetNull: 'SET NULL',
  SetDefault: 'SET DEFAULT',
};

/** Parses schema.prisma with Prisma's own (wasm) parser and derives the tables Prisma would create. */
export function readExpectedCatalog(prismaSchema: string): TCatalog {
  const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema }))) as TDmmf;
  const models = dmmf.datamodel.models;
  const tableName = (m: TDmmfModel) => m.dbName ?? m.name;
  const columnName = (m: TDmmfModel, fieldName: string) => {
    const f = m.fields.find((x) => x.name === fieldName);
    return f?.dbName ?? fieldName;
  };
  const enumNames = new Set(dmmf.datamodel.enums.map((e) => e.name));

  const tables: TTable[] = models.map((m) => {
    const columns: TColumn[] = m.fields
      .filter((f) => f.kind === 'scalar' || f.kind === 'enum')
      .map((f) => ({
        name: f.dbName ?? f.name,
        type: columnType(f, enumNames),
        nullable: f.isList ? true : !f.isRequired,
        default: columnDefault(f, columnType(f, enumNames)),
      }));
    const idField = m.fields.find((f) => f.isId);
    const pkColumns = m.primaryKey
      ? m.primaryKey.fields.map((n) => columnName(m, n))
      : idField
        ? [idField.dbName ?? idField.name]
        : [];
    return {
      name: tableName(m),
      columns,
      primaryKey: pkColumns.length
        ? { name: m.primaryKey?.name ?? `${tableName(m)}_pkey`, columns: pkColumns }
        : null,
    };
  });

  const indexes: TIndex[] = [];
  for (const idx of dmmf.datamodel.indexes) {
    if (idx.type === 'id' || idx.type === 'fulltext') continue;
    const model = models.find((m) => m.name === idx.model);
    if (!model) continue;
    const table = tableName(model);
    const columns = idx.fields.map((f) => columnName(model, f.name));
    const suffix = idx.type === 'unique' ? 'key' : 'idx';
    indexes.push({
      name: idx.dbName ?? truncateIdentifier(`${table}_${columns.join('_')}_${suffix}`),
      table,
      columns,
      unique: idx.type === 'unique',
    });
  }

  const foreignKeys: TForeignKey[] = [];
  for (const m of models) {
    for (const f of m.fields) {
      if (f.kind !== 'object' || !f.relationFromFields?.length) continue;
      if (TRIGGER_CHECKED_RELATIONS.has(`${m.name}.${f.name}`)) continue;
      const target = models.find((x) => x.name === f.type);
      if (!target) continue;
      const columns = f.relationFromFields.map((n) => columnName(m, n));
      const required = f.relationFromFields.every((n) => m.fields.find((x) => x.name === n)?.isRequired);
      foreignKeys.push({
        name: truncateIdentifier(`${tableName(m)}_${columns.join('_')}_fkey`),
        table: tableName(m),
        columns,
        refTable: tableName(target),
        refColumns: (f.relationToFields ?? []).map((n) => columnName(target, n)),
        onDelete: f.relationOnDelete ? ACTIONS[f.relationOnDelete]! : required ? 'RESTRICT' : 'SET NULL',
        onUpdate: f.relationOnUpdate ? ACTIONS[f.relationOnUpdate]! : 'CASCADE',
      });
    }
  }

  return {
    enums: dmmf.datamodel.enums.map((e) => ({
      name: e.dbName ?? e.name,
      values: e.values.map((v) => v.dbName ?? v.name),
    })),
    tables,
    indexes,
    foreignKeys,
  };
}

function columnType(f: TDmmfField, enumNames: Set<string>): string {
  let base: string;
  if (f.kind === 'enum' || enumNames.has(f.type)) base = `"${f.type}"`;
  else if (f.nativeType) {
    const render = NATIVE_TYPES[f.nativeType[0]];
    if (!render) throw new Error(`native type @db.${f.nativeType[0]} is not supported by the catalog yet`);
    base = render(f.nativeType[1]);
  } else {
    const t = SCALAR_TYPES[f.type];
    if (!t) throw new Error(`scalar type ${f.type} is not supported by the catalog yet`);
    base = t;
  }
  return f.isList ? `${base}[]` : base;
}

function columnDefault(f: TDmmfField, type: string): string | null {
  if (!f.hasDefaultValue || f.default === undefined) return null;
  const d = f.default;
  if (typeof d === 'object' && d !== null && 'name' in d) {
    const fn = (d as { name: string }).name;
    if (fn === 'autoincrement') return 'autoincrement';
    if (fn === 'now') return 'CURRENT_TIMESTAMP';
    // uuid(), cuid(), nanoid() are generated by the client, not the database.
    if (fn === 'uuid' || fn === 'cuid' || fn === 'nanoid' || fn === 'ulid') return null;
    if (fn === 'dbgenerated') return `dbgenerated`;
    throw new Error(`default function ${fn}() is not supported by the catalog yet`);
  }
  // An empty array has no element to type it: cast, as PostgreSQL shows it (`ARRAY[]::uuid[]`).
  if (Array.isArray(d) && d.length === 0) return `ARRAY[]::${type}`;
  if (Array.isArray(d)) return `ARRAY[${d.map((v) => literal(v, f)).join(',')}]`;
  return literal(d, f);
}

function literal(v: unknown, f: TDmmfField): string {
  if (f.type === 'Int' || f.type === 'BigInt' || f.type === 'Float' || f.type === 'Decimal') return String(v);
  if (f.type === 'Boolean') return String(v);
  return `'${String(v).replaceAll("'", "''")}'`;
}

/** PostgreSQL cuts identifiers at 63 bytes; Prisma names constraints the same way. */
export function truncateIdentifier(name: string): string {
  return name.length > 63 ? name.slice(0, 63) : name;
}
