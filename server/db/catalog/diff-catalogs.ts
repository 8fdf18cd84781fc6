import type { TCatalog, TColumn, TForeignKey, TIndex, TTable } from './catalog-types.ts';

export type TCatalogChange = { description: string; sql: string };

const q = (name: string) => `"${name}"`;
const cols = (names: string[]) => names.map(q).join(', ');
const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * What must change in `actual` to make it `expected`, each with the SQL Prisma would write for it.
 * An empty list means the database matches the schema.
 */
export function diffCatalogs(expected: TCatalog, actual: TCatalog): TCatalogChange[] {
  const createEnums: TCatalogChange[] = [];
  const alterEnums: TCatalogChange[] = [];
  const createTables: TCatalogChange[] = [];
  const alterColumns: TCatalogChange[] = [];
  const dropForeignKeys: TCatalogChange[] = [];
  const dropIndexes: TCatalogChange[] = [];
  const createIndexes: TCatalogChange[] = [];
  const addForeignKeys: TCatalogChange[] = [];
  const dropColumns: TCatalogChange[] = [];
  const dropTables: TCatalogChange[] = [];
  const dropEnums: TCatalogChange[] = [];

  for (const e of expected.enums) {
    const a = actual.enums.find((x) => x.name === e.name);
    if (!a) {
      createEnums.push({
        description: `enum ${e.name} is missing`,
        sql: `-- CreateEnum\nCREATE TYPE ${q(e.name)} AS ENUM (${e.values.map((v) => `'${v}'`).join(', ')});`,
      });
      continue;
    }
    for (const v of e.values.filter((v) => !a.values.includes(v))) {
      alterEnums.push({
        description: `enum ${e.name} lacks value ${v}`,
        sql: `-- AlterEnum\nALTER TYPE ${q(e.name)} ADD VALUE '${v}';`,
      });
    }
    for (const v of a.values.filter((v) => !e.values.includes(v))) {
      alterEnums.push({
        description: `enum ${e.name} has value ${v} that the schema does not`,
        sql: `-- AlterEnum: removing a value needs the type recreated; write this migration by hand.`,
      });
    }
  }
  for (const a of actual.enums.filter((a) => !expected.enums.some((e) => e.name === a.name))) {
    dropEnums.push({
      description: `enum ${a.name} is not in the schema`,
      sql: `-- DropEnum\nDROP TYPE ${q(a.name)};`,
    });
  }

  for (const t of expected.tables) {
    const a = actual.tables.find((x) => x.name === t.name);
    if (!a) {
      createTables.push({ description: `table ${t.name} is missing`, sql: renderCreateTable(t) });
      continue;
    }
    for (const c of t.columns) {
      const ac = a.columns.find((x) => x.name === c.name);
      if (!ac) {
        alterColumns.push({
          description: `column ${t.name}.${c.name} is missing`,
          sql: `-- AlterTable\nALTER TABLE ${q(t.name)} ADD COLUMN ${renderColumn(c)};`,
        });
        continue;
      }
      if (ac.type !== c.type) {
        alterColumns.push({
          description: `column ${t.name}.${c.name} is ${ac.type}, the schema says ${c.type}`,
          sql: `-- AlterTable\nALTER TABLE ${q(t.name)} ALTER COLUMN ${q(c.name)} SET DATA TYPE ${sqlType(c)};`,
        });
      }
      if (ac.nullable !== c.nullable) {
        alterColumns.push({
          description: `column ${t.name}.${c.name} is ${ac.nullable ? 'nullable' : 'NOT NULL'}, the schema says ${c.nullable ? 'nullable' : 'NOT NULL'}`,
          sql: `-- AlterTable\nALTER TABLE ${q(t.name)} ALTER COLUMN ${q(c.name)} ${c.nullable ? 'DROP NOT NULL' : 'SET NOT NULL'};`,
        });
      }
      if (ac.default !== c.default) {
        alterColumns.push({
          description: `column ${t.name}.${c.name} defaults to ${ac.default ?? 'nothing'}, the schema says ${c.default ?? 'nothing'}`,
          sql:
            c.default === null
              ? `-- AlterTable\nALTER TABLE ${q(t.name)} ALTER COLUMN ${q(c.name)} DROP DEFAULT;`
              : `-- AlterTable\nALTER TABLE ${q(t.name)} ALTER COLUMN ${q(c.name)} SET DEFAULT ${renderDefault(c)};`,
        });
      }
    }
    for (const ac of a.columns.filter((ac) => !t.columns.some((c) => c.name === ac.name))) {
      dropColumns.push({
        description: `column ${t.name}.${ac.name} is not in the schema`,
        sql: `-- AlterTable\nALTER TABLE ${q(t.name)} DROP COLUMN ${q(ac.name)};`,
      });
    }
    const pkE = t.primaryKey;
    const pkA = a.primaryKey;
    if (pkE?.name !== pkA?.name || !sameList(pkE?.columns ?? [], pkA?.columns ?? [])) {
      alterColumns.push({
        description: `primary key of ${t.name} is ${pkA ? `${pkA.name}(${pkA.columns.join(',')})` : 'missing'}, the schema says ${pkE ? `${pkE.name}(${pkE.columns.join(',')})` : 'none'}`,
        sql: [
          pkA ? `ALTER TABLE ${q(t.name)} DROP CONSTRAINT ${q(pkA.name)};` : '',
          pkE
            ? `ALTER TABLE ${q(t.name)} ADD CONSTRAINT ${q(pkE.name)} PRIMARY KEY (${cols(pkE.columns)});`
            : '',
        ]
          .filter(Boolean)
          .join('\n'),
      });
    }
  }
  for (const a of actual.tables.filter((a) => !expected.tables.some((t) => t.name === a.name))) {
    dropTables.push({
      description: `table ${a.name} is not in the schema`,
      sql: `-- DropTable\nDROP TABLE ${q(a.name)};`,
    });
  }

  const sameIndex = (x: TIndex, y: TIndex) =>
    x.table === y.table && x.unique === y.unique && sameList(x.columns, y.columns);
  for (const i of expected.indexes) {
    const a = actual.indexes.find((x) => x.name === i.name);
    if (a && sameIndex(a, i)) continue;
    if (a)
      dropIndexes.push({
        description: `index ${i.name} differs from the schema`,
        sql: `-- DropIndex\nDROP INDEX ${q(a.name)};`,
      });
    createIndexes.push({ description: `index ${i.name} is missing`, sql: renderIndex(i) });
  }
  for (const a of actual.indexes.filter((a) => !expected.indexes.some((i) => i.name === a.name))) {
    dropIndexes.push({
      description: `index ${a.name} is not in the schema`,
      sql: `-- DropIndex\nDROP INDEX ${q(a.name)};`,
    });
  }

  const sameFk = (x: TForeignKey, y: TForeignKey) =>
    x.table === y.table &&
    x.refTable === y.refTable &&
    sameList(x.columns, y.columns) &&
    sameList(x.refColumns, y.refColumns) &&
    x.onDelete === y.onDelete &&
    x.onUpdate === y.onUpdate;
  for (const f of expected.foreignKeys) {
    const a = actual.foreignKeys.find((x) => x.name === f.name);
    if (a && sameFk(a, f)) continue;
    if (a) {
      dropForeignKeys.push({
        description: `foreign key ${f.name} differs from the schema`,
        sql: `-- DropForeignKey\nALTER TABLE ${q(a.table)} DROP CONSTRAINT ${q(a.name)};`,
      });
    }
    addForeignKeys.push({ description: `foreign key ${f.name} is missing`, sql: renderForeignKey(f) });
  }
  for (const a of actual.foreignKeys.filter((a) => !expected.foreignKeys.some((f) => f.name === a.name))) {
    dropForeignKeys.push({
      description: `foreign key ${a.name} is not in the schema`,
      sql: `-- DropForeignKey\nALTER TABLE ${q(a.table)} DROP CONSTRAINT ${q(a.name)};`,
    });
  }

  return [
    ...dropForeignKeys,
    ...dropIndexes,
    ...createEnums,
    ...alterEnums,
    ...createTables,
    ...alterColumns,
    ...dropColumns,
    ...dropTables,
    ...dropEnums,
    ...createIndexes,
    ...addForeignKeys,
  ];
}

function sqlType(c: TColumn): string {
  if (c.default === 'autoincrement') return c.type === 'bigint' ? 'BIGSERIAL' : 'SERIAL';
  const upper = (t: string) =>
    t.startsWith('"') ? t : t.replace(/^timestamptz\((\d)\)/, 'TIMESTAMPTZ($1)').toUpperCase();
  return c.type.endsWith('[]') ? `${upper(c.type.slice(0, -2))}[]` : upper(c.type);
}

function renderDefault(c: TColumn): string {
  if (c.default === null || c.default === 'autoincrement') return '';
  return c.default;
}

function renderColumn(c: TColumn): string {
  const parts = [q(c.name), sqlType(c)];
  if (!c.nullable) parts.push('NOT NULL');
  const d = renderDefault(c);
  if (d) parts.push(`DEFAULT ${d}`);
  return parts.join(' ');
}

function renderCreateTable(t: TTable): string {
  const lines = t.columns.map((c) => `    ${renderColumn(c)}`);
  if (t.primaryKey)
    lines.push(`    CONSTRAINT ${q(t.primaryKey.name)} PRIMARY KEY (${cols(t.primaryKey.columns)})`);
  return `-- CreateTable\nCREATE TABLE ${q(t.name)} (\n${lines.join(',\n')}\n);`;
}

function renderIndex(i: TIndex): string {
  return `-- CreateIndex\nCREATE ${i.unique ? 'UNIQUE ' : ''}INDEX ${q(i.name)} ON ${q(i.table)}(${cols(i.columns)});`;
}

function renderForeignKey(f: TForeignKey): string {
  return `-- AddForeignKey\nALTER TABLE ${q(f.table)} ADD CONSTRAINT ${q(f.name)} FOREIGN KEY (${cols(f.columns)}) REFERENCES ${q(f.refTable)}(${cols(f.refColumns)}) ON DELETE ${f.onDelete} ON UPDATE ${f.onUpdate};`;
}
