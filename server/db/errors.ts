/** A unique constraint (or unique index, including partial ones) refused the write. */
export function isUniqueViolation(error: unknown): boolean {
  return databaseCodes(error).some((c) => c === '23505' || c === 'P2002');
}

/**
 * The database undid the transaction because it met another on the same rows (a deadlock, a
 * serialization failure): nothing of it was written, and the same work again can go through.
 */
export function isTransactionConflict(error: unknown): boolean {
  return databaseCodes(error).some((c) => c === '40P01' || c === '40001');
}

/** The PostgreSQL SQLSTATE (or Prisma code) behind an error, wherever the driver adapter put it. */
function databaseCodes(error: unknown): string[] {
  const e = error as {
    code?: unknown;
    cause?: { code?: unknown; originalCode?: unknown };
    meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; kind?: unknown } } };
  };
  return [
    e?.code,
    e?.cause?.code,
    e?.cause?.originalCode,
    e?.meta?.driverAdapterError?.cause?.originalCode,
  ].filter((c): c is string => typeof c === 'string');
}

/**
 * What the caller did, when the database refused a write because of the input (a reference to
 * something that does not exist, a duplicate, a value of the wrong shape): a clear 4xx instead of a
 * 500. Use cases check what they can and say it better; this is the net under them.
 */
export function inputErrorFromDatabase(
  error: unknown,
): { code: 'BAD_REQUEST' | 'CONFLICT' | 'NOT_FOUND'; message: string } | null {
  const codes = databaseCodes(error);
  if (codes.some((c) => c === '23503' || c === 'P2003'))
    return {
      code: 'BAD_REQUEST',
      message: 'Something this refers to does not exist (it may just have been deleted)',
    };
  if (isUniqueViolation(error)) return { code: 'CONFLICT', message: 'This already exists' };
  if (codes.some((c) => c === 'P2025')) return { code: 'NOT_FOUND', message: 'It no longer exists' };
  if (codes.some((c) => c === '22P02' || c === '22007' || c === '22008' || c === '22001'))
    return { code: 'BAD_REQUEST', message: 'A value has the wrong form or is too long' };
  if (isTransactionConflict(error))
    return { code: 'CONFLICT', message: 'Another change was being made at the same moment: try again' };
  return null;
}
