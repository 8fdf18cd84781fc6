import type { TCreateAccountInput, TOutcome } from '../sdk/connector.ts';
import { ConnectorError } from '../sdk/connector-error.ts';
import type { TSalesforceConfig } from './salesforce-config.ts';
import { toConnectorError } from './salesforce-errors.ts';
import type { SalesforceSession } from './salesforce-session.ts';
import { soqlString } from './salesforce-soql.ts';
import { userForCreate, type TFieldValues } from './salesforce-user-fields.ts';

export type TBulkCreateResult =
  | { username: string; outcome: TOutcome; nativeId: string }
  | { username: string; error: ConnectorError; nativeId?: string };

type TRowResult = { id: string } | { code: string; message: string };

/** sObject Collections accept at most 200 records per request. */
const COLLECTION_SIZE = 200;

/**
 * Creates users in as few API calls as the load allows: sObject Collections (200 per call) up to
 * `bulkThreshold`, one Bulk API 2.0 ingest job beyond it. Results come back per input, in input
 * order, mapped by Username because Bulk API 2.0 does not keep row order. As with createAccount,
 * a username that already exists in this org is a noop with its Id, not an error.
 */
export async function createAccountsBulk(
  session: SalesforceSession,
  config: TSalesforceConfig,
  inputs: TCreateAccountInput[],
  disable: (userId: string, username: string) => Promise<{ outcome: TOutcome }>,
): Promise<TBulkCreateResult[]> {
  const results: Array<TBulkCreateResult | undefined> = new Array(inputs.length);
  const rows: Array<{ index: number; fields: TFieldValues }> = [];
  const seen = new Set<string>();
  inputs.forEach((input, index) => {
    try {
      const fields = userForCreate(input, config);
      const key = String(fields.Username).toLowerCase();
      if (seen.has(key))
        throw new ConnectorError(
          'conflict',
          `username ${String(fields.Username)} appears more than once in this load`,
        );
      seen.add(key);
      rows.push({ index, fields });
    } catch (error) {
      results[index] = {
        username: input.username,
        error: toConnectorError(error, `create user ${input.username}`),
      };
    }
  });
  let outcomes: Map<string, TRowResult>;
  try {
    outcomes =
      rows.length > config.bulkThreshold
        ? await viaBulkApi(session, config, rows)
        : await viaCollections(session, rows);
  } catch (error) {
    if (!(error instanceof JobFailed)) throw error;
    // The job as a whole ended Failed: none of its records was processed, and asking again would
    // fail again. Each record carries the job's own words, to its failed operation.
    for (const row of rows) results[row.index] = { username: String(row.fields.Username), error };
    return results.map((r) => r!);
  }
  const duplicates = rows.filter((r) => codeOf(outcomes.get(key(r))) === 'DUPLICATE_USERNAME');
  const existing = await existingUserIds(
    session,
    duplicates.map((r) => String(r.fields.Username)),
  );
  for (const row of rows) {
    const username = String(row.fields.Username);
    const outcome = outcomes.get(key(row));
    const existingId = existing.get(username.toLowerCase());
    if (outcome && 'id' in outcome)
      results[row.index] = { username, outcome: 'applied', nativeId: outcome.id };
    else if (existingId) results[row.index] = { username, outcome: 'noop', nativeId: existingId };
    else results[row.index] = { username, error: rowError(username, outcome) };
  }
  await disableWhereAsked(inputs, results, config, disable);
  return results.map((r) => r!);
}

const key = (row: { fields: TFieldValues }) => String(row.fields.Username).toLowerCase();
/** Results echo the uploaded columns, so Username is there to match on. */
const usernameOf = (row: object) => {
  const username = (row as Record<string, unknown>).Username;
  return typeof username === 'string' ? username.toLowerCase() : '';
};
const codeOf = (r: TRowResult | undefined) => (r && 'code' in r ? r.code : undefined);

function rowError(username: string, outcome: TRowResult | undefined): ConnectorError {
  const context = `create user ${username}`;
  if (!outcome) return new ConnectorError('unavailable', `${context}: Salesforce did not process the record`);
  const code = codeOf(outcome)!;
  if (code === 'DUPLICATE_USERNAME') {
    return new ConnectorError(
      'conflict',
      `${context}: the username is taken in another Salesforce org (usernames are unique across all orgs)`,
    );
  }
  return toConnectorError(
    Object.assign(new Error((outcome as { message: string }).message), { errorCode: code }),
    context,
  );
}

async function viaCollections(
  session: SalesforceSession,
  rows: Array<{ fields: TFieldValues }>,
): Promise<Map<string, TRowResult>> {
  const out = new Map<string, TRowResult>();
  for (let i = 0; i < rows.length; i += COLLECTION_SIZE) {
    const chunk = rows.slice(i, i + COLLECTION_SIZE);
    const body = {
      allOrNone: false,
      records: chunk.map((r) => ({ attributes: { type: 'User' }, ...r.fields })),
    };
    type TCollectionResult = {
      id?: string;
      success: boolean;
      errors: Array<{ statusCode: string; message: string }>;
    };
    const saved = await session.request<TCollectionResult[]>('create users (sObject Collections)', {
      method: 'POST',
      url: '/composite/sobjects',
      body,
    });
    chunk.forEach((row, j) => {
      const r = saved[j];
      const e = r?.errors[0];
      out.set(
        key(row),
        r?.success && r.id
          ? { id: r.id }
          : {
              code: e?.statusCode ?? 'UNKNOWN_EXCEPTION',
              message: e?.message ?? 'no result for this record',
            },
      );
    });
  }
  return out;
}

async function viaBulkApi(
  session: SalesforceSession,
  config: TSalesforceConfig,
  rows: Array<{ fields: TFieldValues }>,
): Promise<Map<string, TRowResult>> {
  // Bulk API 2.0 takes one CSV: every row needs every column, and a missing value is null.
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r.fields)))];
  const records = rows.map((r) => Object.fromEntries(columns.map((c) => [c, r.fields[c] ?? null])));
  const context = 'create users (Bulk API 2.0)';
  const job = await session.withConnection(context, (conn) =>
    conn.bulk2
      .loadAndWaitForResults({
        object: 'User',
        operation: 'insert',
        lineEnding: 'LF',
        input: records,
        pollInterval: config.bulkPollIntervalMs,
        pollTimeout: config.bulkTimeoutMs,
      })
      .catch((error: unknown) => {
        throw JobFailed.from(error, context) ?? error;
      }),
  );
  const out = new Map<string, TRowResult>();
  for (const r of job.successfulResults) out.set(usernameOf(r), { id: String(r.sf__Id) });
  for (const r of job.failedResults) {
    // sf__Error reads "CODE:message:fields --".
    const text = String(r.sf__Error ?? '');
    const code = text.slice(0, Math.max(0, text.indexOf(':'))) || 'UNKNOWN_EXCEPTION';
    const message = text.slice(code.length + 1).replace(/:[^:]*\s--\s*$/, '');
    out.set(usernameOf(r), { code, message });
  }
  return out;
}

/**
 * A Bulk API 2.0 job that ended `Failed` (or was aborted): jsforce throws a plain Error carrying
 * the job's errorMessage, which would otherwise be classified `unavailable` and retried until the
 * limit. It is a permanent failure of every record in the job.
 */
class JobFailed extends ConnectorError {
  static from(error: unknown, context: string): JobFailed | null {
    const message = error instanceof Error ? error.message : '';
    const failed = /^Ingest job failed to complete due to: ([\s\S]*)$/.exec(message);
    if (!failed && message !== 'Job has been aborted') return null;
    const reason = failed ? `the job failed: ${failed[1]}` : 'the job was aborted';
    return new JobFailed('invalidAttribute', `${context}: ${reason}`, { cause: error });
  }
}

async function existingUserIds(
  session: SalesforceSession,
  usernames: string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const chunk of usernameLookups(usernames)) {
    const users = await session.queryUpTo<{ Id: string; Username: string }>(
      'look up existing users',
      lookupSoql(chunk),
      chunk.length,
    );
    for (const u of users) found.set(u.Username.toLowerCase(), u.Id);
  }
  return found;
}

const lookupSoql = (usernames: string[]) =>
  `SELECT Id, Username FROM User WHERE Username IN (${usernames.map(soqlString).join(', ')})`;

/**
 * Splits a lookup so that no GET exceeds Salesforce's 16,384-byte URI limit (a longer one answers
 * 414). The query travels percent-encoded in `?q=`, so a name of multi-byte characters costs up to
 * nine times its length; the budget leaves room for the instance URL and API path before it.
 * A name that cannot fit even alone is not looked up (its row keeps its DUPLICATE_USERNAME error).
 */
export const MAX_URI_BYTES = 16_384;
const URI_PREFIX_ALLOWANCE = 1_024;

export function usernameLookups(
  usernames: string[],
  budget = MAX_URI_BYTES - URI_PREFIX_ALLOWANCE,
): string[][] {
  const chunks: string[][] = [];
  let chunk: string[] = [];
  const encodedLength = (names: string[]) => encodeURIComponent(lookupSoql(names)).length;
  for (const name of usernames) {
    if (encodedLength([name]) > budget) continue;
    if (chunk.length === COLLECTION_SIZE || (chunk.length > 0 && encodedLength([...chunk, name]) > budget)) {
      chunks.push(chunk);
      chunk = [];
    }
    chunk.push(name);
  }
  if (chunk.length) chunks.push(chunk);
  return chunks;
}

/**
 * Users asked for disabled: a new one created inactive already is; a frozen-mode one is created
 * active and frozen here, and one that existed (a retry after a crash between the two steps) is
 * disabled now, as a no-op where it already is.
 */
async function disableWhereAsked(
  inputs: TCreateAccountInput[],
  results: Array<TBulkCreateResult | undefined>,
  config: TSalesforceConfig,
  disable: (userId: string, username: string) => Promise<{ outcome: TOutcome }>,
): Promise<void> {
  for (const [index, input] of inputs.entries()) {
    const result = results[index];
    if (input.enabled || !result || !('outcome' in result)) continue;
    if (result.outcome === 'applied' && config.disableMeans === 'deactivate') continue;
    try {
      const disabled = await disable(result.nativeId, input.username);
      if (disabled.outcome === 'applied') results[index] = { ...result, outcome: 'applied' };
    } catch (error) {
      results[index] = {
        username: result.username,
        nativeId: result.nativeId,
        error: toConnectorError(error, `disable user ${result.nativeId}`),
      };
    }
  }
}
