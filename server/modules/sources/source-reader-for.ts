import fs from 'node:fs';
import { decryptSecret, sourceSecretBinding } from '@/server/lib/secret-box.ts';
import { readCsvBatches, readDatabaseBatches, SourceReadError, type TReadBatches } from './source-readers.ts';
import { ZSourceSecrets, type TSourceConfig } from './source-config.ts';
import { stagedFilePath, type TSourceFiles } from './source-files.ts';

/** How a run reads its source: the run's staged file (HR_CSV) or the configured query (HR_DATABASE). */
export function sourceReaderFor(
  run: { id: string; source: { id: string; kind: string; secrets: string | null } },
  config: TSourceConfig,
  deps: { files: TSourceFiles; secretKey: Buffer },
): TReadBatches {
  if (run.source.kind === 'HR_CSV') {
    const file = stagedFilePath(deps.files, run.id);
    return async function* () {
      if (!fs.existsSync(file)) throw new SourceReadError(0, 'the file of this run is no longer there');
      yield* readCsvBatches(file, { delimiter: config.delimiter, batchSize: config.batchSize });
    };
  }
  if (run.source.kind === 'HR_DATABASE') {
    return async function* () {
      if (!config.query) throw new SourceReadError(0, 'the source has no query');
      let secrets;
      try {
        secrets = ZSourceSecrets.parse(run.source.secrets ? JSON.parse(decryptSecret(run.source.secrets, deps.secretKey, sourceSecretBinding(run.source.id))) : {});
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
