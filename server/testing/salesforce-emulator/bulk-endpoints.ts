import { parse } from 'csv-parse/sync';
import { ApiFault, fault, notFound } from '@/server/testing/salesforce-emulator/api-fault.ts';
import { KEY_PREFIX } from '@/server/testing/salesforce-emulator/ids.ts';
import { isObjectName } from '@/server/testing/salesforce-emulator/org-schema.ts';
import { sfDateTime, type OrgStore } from '@/server/testing/salesforce-emulator/org-store.ts';
import {
  parseJson,
  type TRestAnswer,
  type TRestRequest,
} from '@/server/testing/salesforce-emulator/rest-endpoints.ts';

type TJob = {
  info: Record<string, unknown> & { id: string; state: string; object: string; operation: string };
  rows: Array<Record<string, string>>;
  columns: string[];
  successful: string[][];
  failed: string[][];
};

/** Bulk API 2.0 marks "set this field to null" with #N/A in the CSV. */
const NULL_MARK = '#N/A';

/**
 * Bulk API 2.0 ingest ("Bulk API 2.0 and Bulk API Developer Guide"): create a job, PUT the CSV to
 * /batches, PATCH state=UploadComplete, poll GET /jobs/ingest/<id> until JobComplete, then read
 * successfulResults (sf__Id, sf__Created + the uploaded columns), failedResults (sf__Id, sf__Error
 * as "CODE:message:fields --" + the uploaded columns) and unprocessedrecords. A job may instead
 * end `Failed` with an errorMessage (failNextJob). Only `insert` is emulated, because it is the
 * only operation the connector runs.
 */
export class BulkEndpoints {
  private readonly jobs = new Map<string, TJob>();
  /** The next job ends `Failed` with this errorMessage and processes none of its records. */
  failNextJob: string | null = null;

  constructor(
    private readonly store: OrgStore,
    private readonly processingDelayMs: number,
    private readonly createdById: () => string,
  ) {}

  handle(req: TRestRequest): TRestAnswer {
    const [, , kind, id, sub] = req.path.split('/');
    if (kind !== 'ingest') throw notFound();
    if (!id) {
      if (req.method !== 'POST') throw notFound();
      return { status: 200, json: this.create(parseJson(req.body), req.apiVersion) };
    }
    const job = this.jobs.get(id);
    if (!job) throw fault(404, 'NOT_FOUND', `Could not find a job with id ${id}`);
    if (sub === 'batches' && req.method === 'PUT') return this.upload(job, req.body);
    if (!sub && req.method === 'PATCH')
      return { status: 200, json: this.changeState(job, String(parseJson(req.body).state)) };
    if (!sub && req.method === 'GET') return { status: 200, json: job.info };
    if (!sub && req.method === 'DELETE') {
      this.jobs.delete(id);
      return { status: 204 };
    }
    if (req.method === 'GET' && sub === 'successfulResults')
      return csv(['sf__Id', 'sf__Created', ...job.columns], job.successful);
    if (req.method === 'GET' && sub === 'failedResults')
      return csv(['sf__Id', 'sf__Error', ...job.columns], job.failed);
    if (req.method === 'GET' && sub === 'unprocessedrecords') return csv(job.columns, []);
    throw notFound();
  }

  private create(body: Record<string, unknown>, apiVersion: string) {
    const object = text(body.object, '');
    if (!isObjectName(object))
      throw fault(400, 'INVALIDJOB', `InvalidJob : Unable to find object: ${object}`);
    if (body.operation !== 'insert')
      throw fault(400, 'INVALIDJOB', `InvalidJob : operation ${String(body.operation)} is not emulated`);
    const id = this.store.ids.next(KEY_PREFIX.Job);
    const now = sfDateTime();
    const info = {
      id,
      operation: 'insert',
      object,
      createdById: this.createdById(),
      createdDate: now,
      systemModstamp: now,
      state: 'Open',
      concurrencyMode: 'Parallel',
      contentType: 'CSV',
      apiVersion: Number(apiVersion),
      contentUrl: `services/data/v${apiVersion}/jobs/ingest/${id}/batches`,
      lineEnding: text(body.lineEnding, 'LF'),
      columnDelimiter: text(body.columnDelimiter, 'COMMA'),
    };
    this.jobs.set(id, { info, rows: [], columns: [], successful: [], failed: [] });
    return info;
  }

  private upload(job: TJob, body: string): TRestAnswer {
    if (job.info.state !== 'Open')
      throw fault(409, 'INVALIDJOBSTATE', `Job ${job.info.id} is not open for data upload`);
    const rows = parse(body, { columns: true, skip_empty_lines: true, bom: true }) as Array<
      Record<string, string>
    >;
    job.columns = Object.keys(rows[0] ?? {});
    job.rows.push(...rows);
    return { status: 201 };
  }

  private changeState(job: TJob, state: string) {
    if (state === 'Aborted') {
      job.info.state = 'Aborted';
    } else if (state === 'UploadComplete') {
      if (job.info.state !== 'Open') throw fault(409, 'INVALIDJOBSTATE', `Job ${job.info.id} is not open`);
      job.info.state = 'UploadComplete';
      setTimeout(() => this.process(job), this.processingDelayMs).unref();
    } else {
      throw fault(400, 'INVALIDJOBSTATE', `Unsupported state change: ${state}`);
    }
    return { id: job.info.id, operation: job.info.operation, object: job.info.object, state: job.info.state };
  }

  private process(job: TJob): void {
    if (job.info.state !== 'UploadComplete') return;
    if (this.failNextJob !== null) {
      // A job can fail as a whole (e.g. "InvalidBatch : Field name not found"): state Failed,
      // errorMessage set, no record processed, and the results lists stay empty.
      Object.assign(job.info, {
        state: 'Failed',
        errorMessage: this.failNextJob,
        numberRecordsProcessed: 0,
        numberRecordsFailed: 0,
        systemModstamp: sfDateTime(),
      });
      this.failNextJob = null;
      return;
    }
    const started = Date.now();
    for (const row of job.rows) {
      const original = job.columns.map((c) => row[c] ?? '');
      const fields = Object.fromEntries(
        Object.entries(row).map(([k, v]) => [k, v === NULL_MARK || v === '' ? null : v]),
      );
      try {
        const record = this.store.insert(job.info.object as 'User', fields);
        job.successful.push([record.Id, 'true', ...original]);
      } catch (error) {
        if (!(error instanceof ApiFault)) throw error;
        const e = error.errors[0]!;
        job.failed.push(['', `${e.errorCode}:${e.message}:${e.fields.join(',')} --`, ...original]);
      }
    }
    Object.assign(job.info, {
      state: 'JobComplete',
      jobType: 'V2Ingest',
      numberRecordsProcessed: job.rows.length,
      numberRecordsFailed: job.failed.length,
      retries: 0,
      totalProcessingTime: Date.now() - started,
      apiActiveProcessingTime: Date.now() - started,
      apexProcessingTime: 0,
      systemModstamp: sfDateTime(),
    });
  }
}

const text = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);

function csv(header: string[], rows: string[][]): TRestAnswer {
  const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
  const text = [header, ...rows].map((r) => r.map(quote).join(',')).join('\n') + '\n';
  return { status: 200, text, contentType: 'text/csv' };
}
