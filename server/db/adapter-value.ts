import { Prisma } from '@/prisma/generated/client.ts';

/**
 * A value as Prisma sends it to its pg adapter and the adapter on to pg (the client's raw-parameter
 * serialisation, then the adapter's mapArg), so a statement past Prisma binds what Prisma's own would:
 * a Date as its UTC wall time without a zone (the year padded to four digits, not ISO's +/-YYYYYY
 * past 9999; milliseconds only when there are any), a Decimal and a bigint as their text, bytes as
 * they are, arrays element by element, plain objects as pg sends them (JSON). Any other object is
 * refused: pg would send its JSON or its toString, which is not what Prisma would have bound.
 */
export function adapterValue(value: unknown): unknown {
  if (value === null || value === undefined || typeof value !== 'object')
    return typeof value === 'bigint' ? value.toString() : value;
  if (Array.isArray(value)) return value.map(adapterValue);
  if (value instanceof Date) return utcWallTime(value);
  if (Prisma.Decimal.isDecimal(value)) return value.toJSON();
  if (ArrayBuffer.isView(value)) return value;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype === Object.prototype || prototype === null) return value;
  throw new Error(
    `A statement past Prisma takes no ${(value as object).constructor?.name ?? 'such'} object: pass its text or a plain value`,
  );
}

/** `YYYY-MM-DD HH:MM:SS[.mmm]` in UTC, as the adapter writes a timestamp parameter. */
function utcWallTime(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new Error('Provided Date object is invalid');
  const two = (n: number) => String(n).padStart(2, '0');
  const ms = date.getUTCMilliseconds();
  return (
    `${String(date.getUTCFullYear()).padStart(4, '0')}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}` +
    (ms ? `.${String(ms).padStart(3, '0')}` : '')
  );
}
