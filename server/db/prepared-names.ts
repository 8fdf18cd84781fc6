import crypto from 'node:crypto';
import { isTestRun } from '@/server/env.ts';

/**
 * How many statement texts the process may prepare. Each stays prepared on every pooled connection as
 * long as the connection lives, so the texts must be a few fixed shapes (docs/decisions/118: about a
 * dozen today, readTogether's, the hold's locks, the request's statement, pg-boss's insert per queue).
 * A caller whose text varies with its data would pass this in a test run, not only in production.
 */
export const PREPARED_SHAPES_BOUND = 200;

const names = new Set<string>();
let warned = false;

/**
 * A prepared statement's name: its text's hash, so one text has one name (pg refuses a name reused
 * for another text). Only for a text of a few fixed shapes. Past PREPARED_SHAPES_BOUND shapes a test
 * run throws, so the caller is found; production warns once and sends new shapes unnamed (parsed on
 * each call, prepared on no connection) rather than let every connection's memory grow.
 */
export function preparedName(text: string): string | undefined {
  const name = `q_${crypto.createHash('sha1').update(text).digest('hex')}`;
  if (names.has(name)) return name;
  if (names.size < PREPARED_SHAPES_BOUND) {
    names.add(name);
    return name;
  }
  const message = `More than ${PREPARED_SHAPES_BOUND} prepared statement shapes: a prepared text varies with its data (${text.slice(0, 120)})`;
  if (isTestRun()) throw new Error(message);
  if (!warned) console.warn(`[db] ${message}; new shapes go unnamed`);
  warned = true;
  return undefined;
}
