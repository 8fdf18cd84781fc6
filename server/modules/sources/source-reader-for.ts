import type { TPrisma } from '@/server/db/client.ts';
import { decryptSecret, sourceSecretBinding } from '@/server/lib/secret-box.ts';
import { readCsvBatches, readDatabaseBatches, SourceReadError, type TReadBatches } from './source-readers.ts';
import { ZSourceSecrets, type TSourceConfig } from './source-config.ts';
import { readStagedFile } from './staged-files.ts';

/** How a run reads its source: the run's staged file (HR_CSV, in PostgreSQL) or the configured query (HR_DATABASE). */
export function sourceReaderFor(
  db: TPrisma,
  run: { id: string; source: { id: string; kind: string; secrets: string | null } },
  config: TSourceConfig,
  deps: { secretKey: Buffer },
): TReadBatches {
  if (run.source.kind === 'HR_CSV') {
    return () =>
      readCsvBatches(readStagedFile(db, run.id), {
        delimiter: config.delimiter,
        batchSize: config.batchSize,
      });
  }
  if (run.source.kind === 'HR_DATABASE') {
    return async function* () {
      if (!config.query) throw new SourceReadError(0, 'the source has no query');
      let secrets;
      try {
        secrets = ZSourceSecrets.parse(
          run.source.secrets
            ? JSON.parse(
                decryptSecret(run.source.secrets, deps.secretKey, sourceSecretBinding(run.source.id)),
              )
            : {},
        );
      } catch {
        throw new SourceReadError(0, 'the connection secrets cannot be decrypted with GATEHOUSE_SECRET_KEY');
      }
      if (!secrets.connectionString) throw new SourceReadError(0, 'the source has no connection string');
      yield* readDatabaseBatches(secrets.connectionString, config.query, { batchSize: config.batchSize });
    };
  }
  const kind = run.source.kind;
  // eslint-disable-next-line require-yield -- a reader that has nothing to read
  return async function* () {
    throw new SourceReadError(0, `a ${kind} source is not read by runs`);
  };
}
