/** A database schema reduced to what Prisma's schema describes, so two of them can be compared. */
export type TColumn = {
  name: string;
  /** Normalised SQL type: text, uuid, integer, bigint, boolean, timestamp(3), date, jsonb, "Enum", text[] ... */
  type: string;
  nullable: boolean;
  /** Normalised default: autoincrement, CURRENT_TIMESTAMP, a literal such as 'ACTIVE' or 4, or null. */
  default: string | null;
};

export type TIndex = { name: string; table: string; columns: string[]; unique: boolean };

export type TForeignKey = {
  name: string;
  table: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
  onDelete: TReferentialAction;
  onUpdate: TReferentialAction;
};

export type TReferentialAction = 'CASCADE' | 'RESTRICT' | 'NO ACTION' | 'SET NULL' | 'SET DEFAULT';

export type TTable = {
  name: string;
  columns: TColumn[];
  primaryKey: { name: string; columns: string[] } | null;
};

export type TEnum = { name: string; values: string[] };

export type TCatalog = {
  enums: TEnum[];
  tables: TTable[];
  indexes: TIndex[];
  foreignKeys: TForeignKey[];
};

/**
 * Objects that exist only in SQL (partial unique indexes, CHECK constraints, triggers, generated
 * columns) carry this prefix; Prisma cannot express them, so the drift check leaves them alone.
 */
export const DB_ONLY_PREFIX = 'db_';
