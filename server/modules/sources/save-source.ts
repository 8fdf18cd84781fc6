import fs from 'node:fs';
import type { TUserActor } from '@/server/auth/actor.ts';
import { inTransaction, REPEATABLE, type Prisma, type TPrisma } from '@/server/db/client.ts';
import { isUniqueViolation } from '@/server/db/errors.ts';
import { AppError } from '@/server/lib/app-error.ts';
import crypto from 'node:crypto';
import { encryptSecret, sourceSecretBinding } from '@/server/lib/secret-box.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { ZSourceConfig, ZSourceSecrets } from './source-config.ts';
import { dropFolderProblem, realDropFolder, type TSourceFiles } from './source-files.ts';
import type { TSourceScheduler } from './source-schedules.ts';

export type TSaveSource = {
  id?: string;
  key: string;
  name: string;
  kind: 'HR_CSV' | 'HR_DATABASE' | 'SCIM';
  enabled: boolean;
  schedule: string | null;
  precedence: number;
  config: unknown;
  /** A new connection string; absent keeps the stored one. */
  connectionString?: string;
};

/**
 * Adds or changes an authoritative source. The config is validated for its kind, the connection
 * string is sealed (never returned), and the cron schedule is checked before anything is saved and
 * handed to the queue after.
 */
export async function saveSource(
  db: TPrisma,
  actor: TUserActor,
  input: TSaveSource,
  deps: { secretKey: Buffer; scheduler: TSourceScheduler; files: TSourceFiles },
) {
  const parsed = ZSourceConfig.safeParse(input.config ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('INVALID_INPUT', `${issue.path.join('.') || 'config'}: ${issue.message}`, {
      field: `config.${issue.path.join('.')}`,
    });
  }
  const config = parsed.data;
  if (input.kind === 'HR_DATABASE' && !config.query)
    throw new AppError('INVALID_INPUT', 'An HR database source needs a query', { field: 'config.query' });
  if (input.kind === 'HR_DATABASE' && config.query && !/^\s*(select|with)\b/i.test(config.query)) {
    throw new AppError('INVALID_INPUT', 'The query must be a SELECT (or WITH … SELECT)', {
      field: 'config.query',
    });
  }
  if (config.folder) {
    const problem = dropFolderProblem(deps.files, config.folder);
    // An existing folder is judged where it really is: a link inside the data folder may lead out of it.
    const escapes =
      !problem && fs.existsSync(config.folder) && !(await realDropFolder(deps.files, config.folder));
    if (problem || escapes)
      throw new AppError(
        'INVALID_INPUT',
        problem ?? 'The folder is a link to a place outside the allowed folders',
        { field: 'config.folder' },
      );
  }
  const schedule = input.schedule?.trim() || null;
  if (schedule) {
    try {
      deps.scheduler.validate(schedule);
    } catch (error) {
      throw new AppError('INVALID_INPUT', `Schedule: ${(error as Error).message}`, { field: 'schedule' });
    }
  }
  let saved: { id: string };
  try {
    saved = await inTransaction(
      db,
      async (tx) => {
        const before = input.id
          ? await tx.identitySource.findUnique({
              where: { id: input.id },
              select: {
                key: true,
                name: true,
                kind: true,
                secrets: true,
                config: true,
                schedule: true,
                precedence: true,
                enabled: true,
              },
            })
          : null;
        if (input.id && !before) throw new AppError('NOT_FOUND', 'No such source');
        if (before && before.kind !== input.kind)
          throw new AppError('INVALID_INPUT', 'The kind of an existing source cannot change', {
            field: 'kind',
          });
        const id = input.id ?? crypto.randomUUID();
        let secrets = before?.secrets ?? null;
        if (input.connectionString !== undefined && input.connectionString !== '') {
          // The connection string is the source's only secret: a new one replaces what is stored, which
          // need not be readable (sealed under another key, or unbound).
          secrets = encryptSecret(
            JSON.stringify(ZSourceSecrets.parse({ connectionString: input.connectionString })),
            deps.secretKey,
            sourceSecretBinding(id),
          );
        }
        if (input.kind === 'HR_DATABASE' && !secrets)
          throw new AppError('INVALID_INPUT', 'An HR database source needs a connection string', {
            field: 'connectionString',
          });
        const data = {
          key: input.key,
          name: input.name,
          kind: input.kind,
          enabled: input.enabled,
          schedule,
          precedence: input.precedence,
          config: config as Prisma.InputJsonValue,
          secrets,
        };
        const row = input.id
          ? await tx.identitySource.update({ where: { id: input.id }, data, select: { id: true } })
          : await tx.identitySource.create({ data: { id, ...data }, select: { id: true } });
        await recordAuditEvent(tx, {
          actor,
          action: input.id ? 'source.updated' : 'source.created',
          entityType: 'IdentitySource',
          entityId: row.id,
          before: before
            ? {
                key: before.key,
                name: before.name,
                config: before.config,
                schedule: before.schedule,
                precedence: before.precedence,
                enabled: before.enabled,
              }
            : undefined,
          after: {
            key: input.key,
            name: input.name,
            config,
            schedule,
            precedence: input.precedence,
            enabled: input.enabled,
          },
          // Whether a new connection string was entered (never the string itself).
          metadata: { connectionStringChanged: Boolean(input.connectionString) },
        });
        return row;
      },
      REPEATABLE,
    );
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError('CONFLICT', `A source with the key “${input.key}” already exists`, { field: 'key' });
    throw error;
  }
  await deps.scheduler.set(saved.id, input.enabled && input.kind !== 'SCIM' ? schedule : null);
  return saved;
}
