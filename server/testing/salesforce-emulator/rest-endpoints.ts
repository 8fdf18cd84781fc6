import crypto from 'node:crypto';
import { ApiFault, fault, notFound } from '@/server/testing/salesforce-emulator/api-fault.ts';
import { KEY_PREFIX } from '@/server/testing/salesforce-emulator/ids.ts';
import {
  canonicalField,
  isObjectName,
  SCHEMA,
  type TObjectName,
} from '@/server/testing/salesforce-emulator/org-schema.ts';
import type { OrgStore, TRecord } from '@/server/testing/salesforce-emulator/org-store.ts';
import { runSoql, type TQueryRecord } from '@/server/testing/salesforce-emulator/soql-engine.ts';

export type TRestRequest = {
  method: string;
  /** The path after /services/data/vXX.X, e.g. /sobjects/User/005... */
  path: string;
  search: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  apiVersion: string;
};
export type TRestAnswer = { status: number; json?: unknown; text?: string; contentType?: string };

/** Objects whose writes need "Manage Users" / "Assign Permission Sets" on the integration user. */
const USER_ADMINISTRATION = new Set<TObjectName>(['User', 'PermissionSetAssignment', 'UserLogin']);

/**
 * The REST resources of the REST API Developer Guide the connector calls: sObject Basic
 * Information (POST create), sObject Rows (GET with ?fields=, PATCH, DELETE), Query with
 * `nextRecordsUrl` paging and the `Sforce-Query-Options: batchSize=` header (200 to 2,000), and
 * sObject Collections create (POST /composite/sobjects, at most 200 records, allOrNone=false).
 */
export class RestEndpoints {
  /** Open query cursors, as `01g...` locators; the platform keeps them for 15 minutes of inactivity. */
  private readonly locators = new Map<string, { records: TQueryRecord[]; batchSize: number }>();
  denyUserAdministration = false;
  /** A broken server for tests: queries ignore `Id > ...`, so keyset paging never moves on. */
  ignoreIdAfter = false;

  constructor(private readonly store: OrgStore) {}

  handle(req: TRestRequest): TRestAnswer {
    const parts = req.path.split('/').filter(Boolean);
    if (parts[0] === 'query' && req.method === 'GET') return this.query(req, parts[1]);
    if (parts[0] === 'composite' && parts[1] === 'sobjects' && parts.length === 2 && req.method === 'POST')
      return this.collectionCreate(req);
    if (parts[0] !== 'sobjects' || !parts[1] || !isObjectName(parts[1]) || parts.length > 3) throw notFound();
    const object = parts[1];
    const id = parts[2];
    if (!id) {
      if (req.method !== 'POST')
        throw fault(
          405,
          'METHOD_NOT_ALLOWED',
          `HTTP Method '${req.method}' not allowed. Allowed are GET,HEAD,POST`,
        );
      this.assertMayWrite(object);
      const record = this.store.insert(object, parseJson(req.body));
      return { status: 201, json: { id: record.Id, success: true, errors: [] } };
    }
    switch (req.method) {
      case 'GET':
        return { status: 200, json: this.row(object, id, req.search.get('fields'), req.apiVersion) };
      case 'PATCH':
        this.assertMayWrite(object);
        this.store.update(object, id, parseJson(req.body));
        return { status: 204 };
      case 'DELETE':
        this.assertMayWrite(object);
        this.store.remove(object, id);
        return { status: 204 };
      default:
        throw fault(
          405,
          'METHOD_NOT_ALLOWED',
          `HTTP Method '${req.method}' not allowed. Allowed are GET,HEAD,PATCH`,
        );
    }
  }

  private row(object: TObjectName, id: string, fieldList: string | null, apiVersion: string) {
    const record = this.store.read(object, id);
    const names = fieldList ? fieldList.split(',').map((f) => f.trim()) : Object.keys(SCHEMA[object]);
    const fields = names.map((n) => {
      const f = canonicalField(object, n);
      if (!f) throw fault(400, 'INVALID_FIELD', `No such column '${n}' on entity '${object}'.`);
      return f;
    });
    return {
      attributes: attributesOf(object, record, apiVersion),
      ...Object.fromEntries(fields.map((f) => [f, record[f] ?? null])),
    };
  }

  private query(req: TRestRequest, locatorPart: string | undefined): TRestAnswer {
    if (locatorPart) {
      const [locator, offset] = locatorPart.split('-');
      const open = locator ? this.locators.get(locator) : undefined;
      if (!open || offset === undefined) throw fault(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
      return {
        status: 200,
        json: this.batch(locator!, open.records, Number(offset), open.batchSize, req.apiVersion),
      };
    }
    const soql = req.search.get('q');
    if (!soql) throw fault(400, 'MALFORMED_QUERY', 'SOQL query is missing: pass it as the q parameter');
    const records = runSoql(this.store, soql, req.apiVersion, { ignoreIdAfter: this.ignoreIdAfter });
    const option = String(req.headers['sforce-query-options'] ?? '');
    const requested = Number(/batchSize=(\d+)/i.exec(option)?.[1] ?? 2000);
    const batchSize = Math.min(2000, Math.max(200, requested));
    const locator = `${KEY_PREFIX.QueryLocator}${crypto.randomBytes(6).toString('hex').toUpperCase()}`;
    if (records.length > batchSize) this.locators.set(locator, { records, batchSize });
    return { status: 200, json: this.batch(locator, records, 0, batchSize, req.apiVersion) };
  }

  private batch(
    locator: string,
    records: TQueryRecord[],
    offset: number,
    batchSize: number,
    apiVersion: string,
  ) {
    const end = offset + batchSize;
    const done = end >= records.length;
    if (done) this.locators.delete(locator);
    return {
      totalSize: records.length,
      done,
      ...(done ? {} : { nextRecordsUrl: `/services/data/v${apiVersion}/query/${locator}-${end}` }),
      records: records.slice(offset, end),
    };
  }

  private collectionCreate(req: TRestRequest): TRestAnswer {
    const body = parseJson(req.body) as { allOrNone?: boolean; records?: Array<Record<string, unknown>> };
    const records = body.records ?? [];
    if (records.length > 200)
      throw fault(
        400,
        'EXCEEDED_ID_LIMIT',
        'record limit reached. cannot submit more than 200 records into this call',
      );
    if (body.allOrNone)
      throw fault(400, 'INVALID_OPERATION', 'allOrNone=true is not emulated: the connector never sends it');
    const results = records.map((r) => {
      const type = (r.attributes as { type?: string } | undefined)?.type ?? '';
      try {
        if (!isObjectName(type)) throw fault(400, 'INVALID_TYPE', `sObject type '${type}' is not supported.`);
        this.assertMayWrite(type);
        return { id: this.store.insert(type, r).Id, success: true, errors: [] };
      } catch (error) {
        if (!(error instanceof ApiFault)) throw error;
        // Collections report each record's errors with `statusCode`, not `errorCode`.
        return {
          success: false,
          errors: error.errors.map((e) => ({
            statusCode: e.errorCode,
            message: e.message,
            fields: e.fields,
          })),
        };
      }
    });
    return { status: 200, json: results };
  }

  private assertMayWrite(object: TObjectName): void {
    if (this.denyUserAdministration && USER_ADMINISTRATION.has(object)) {
      throw fault(400, 'INSUFFICIENT_ACCESS', 'insufficient access rights on object id');
    }
  }
}

export function parseJson(body: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(body || '{}');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // Falls through to the platform's answer for an unreadable body.
  }
  throw fault(400, 'JSON_PARSER_ERROR', 'Unexpected character: was expecting a JSON object');
}

const attributesOf = (object: TObjectName, record: TRecord, apiVersion: string) => ({
  type: object,
  url: `/services/data/v${apiVersion}/sobjects/${object}/${record.Id}`,
});
