import { z } from 'zod';
import type { TUserActor } from '@/server/auth/actor.ts';
import { connectorDefinition, type TConnectorDefinition } from '@/server/connectors/registry.ts';
import { inTransaction, REPEATABLE, type Prisma, type TDb } from '@/server/db/client.ts';
import crypto from 'node:crypto';
import { isUniqueViolation } from '@/server/db/errors.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { applicationSecretBinding } from '@/server/lib/secret-box.ts';
import { stableStringify } from '@/server/lib/stable-stringify.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { renderTemplate, SAMPLE_PERSON } from '@/server/modules/provisioning/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import type { ConnectorType, OnDeleteAction } from '@/prisma/generated/enums.ts';
import {
  requireMassChangeConfirmation,
  type TMassChangeConfirmation,
} from '@/server/modules/mass-change/index.ts';
import { canOpenSecrets, mergeSecrets, openSecrets } from './application-secrets.ts';
import { assessMappingChange } from './mapping-change.ts';

export type TSaveApplication = {
  id?: string;
  key: string;
  name: string;
  description: string;
  connectorType: ConnectorType;
  config: Record<string, unknown>;
  secrets?: Record<string, string>;
  onDelete: OnDeleteAction;
  onDeleteAttributes: Record<string, string>;
  attributeMapping: Record<string, string>;
  accountRules: { usernameTemplate?: string; maxLength?: number };
  concurrency: number;
  enabled: boolean;
  ownerId: string | null;
  fulfilmentTeamId: string | null;
  /** Needed when the mapping edit changes more accounts than the mass-change guard allows. */
  confirmMassChange?: TMassChangeConfirmation;
};

/** The attributes the audit trail compares (secrets are never among them: only which were entered). */
const AUDITED = {
  key: true,
  name: true,
  description: true,
  config: true,
  onDelete: true,
  onDeleteAttributes: true,
  attributeMapping: true,
  accountRules: true,
  concurrency: true,
  enabled: true,
  ownerId: true,
  fulfilmentTeamId: true,
} as const satisfies Prisma.ApplicationSelect;

const auditView = (a: { [K in keyof typeof AUDITED]: unknown }) =>
  Object.fromEntries(Object.keys(AUDITED).map((k) => [k, a[k as keyof typeof AUDITED]]));

/**
 * Creates or updates an application (target). Connector settings are validated by the connector's
 * own schema, templates by rendering them once; secrets are merged and encrypted. A change that
 * alters what accounts should look like (mapping, ON_DELETE, enabling) re-plans the people in it.
 */
export async function saveApplication(
  db: TDb,
  actor: TUserActor,
  input: TSaveApplication,
  deps: { queue: TJobQueue; secretKey: Buffer },
) {
  const def = connectorDefinition(input.connectorType);
  const config = def.configSchema.safeParse(input.config);
  if (!config.success) {
    const issue = config.error.issues[0]!;
    throw new AppError(
      'INVALID_INPUT',
      `Connection settings: ${issue.path.join('.') || 'config'}: ${issue.message}`,
      { field: `config.${issue.path.join('.')}` },
    );
  }
  for (const [attribute, template] of Object.entries({
    ...input.attributeMapping,
    ...(input.accountRules.usernameTemplate ? { username: input.accountRules.usernameTemplate } : {}),
  })) {
    try {
      renderTemplate(template, SAMPLE_PERSON);
    } catch (error) {
      throw new AppError('INVALID_INPUT', `Mapping for ${attribute}: ${(error as Error).message}`, {
        field: `attributeMapping.${attribute}`,
      });
    }
  }
  if (input.connectorType === 'SALESFORCE' && input.onDelete === 'DELETE') {
    throw new AppError('INVALID_INPUT', 'Salesforce users cannot be deleted: choose Disable or Update', {
      field: 'onDelete',
    });
  }
  if (input.connectorType === 'MANUAL' && !input.fulfilmentTeamId) {
    throw new AppError(
      'INVALID_INPUT',
      'A manual application needs a fulfilment team: its tasks must reach someone',
      { field: 'fulfilmentTeamId' },
    );
  }

  try {
    return await inTransaction(
      db,
      async (tx) => {
        // The mapping guard decides on the accounts as they are: no other save of this application interleaves.
        // NO KEY, as save-entitlement.ts: rows that merely reference the application (a final approval's
        // operations and held access, under its request's lock) are not waited for; FOR UPDATE made a
        // cycle with catalog's follow of the owner, which then waits for that request. A save that
        // changes the application's key still locks it FOR UPDATE (its UPDATE of a unique column).
        if (input.id)
          await tx.$queryRaw`SELECT 1 FROM "Application" WHERE id = ${input.id}::uuid FOR NO KEY UPDATE`;
        const before = input.id
          ? await tx.application.findUnique({
              where: { id: input.id },
              select: { ...AUDITED, secrets: true, connectorType: true },
            })
          : null;
        if (input.id && !before) throw new AppError('NOT_FOUND', 'No such application');
        if (before && before.connectorType !== input.connectorType) {
          throw new AppError('INVALID_INPUT', 'The connector type of an existing application cannot change', {
            field: 'connectorType',
          });
        }
        if (
          input.fulfilmentTeamId &&
          !(await tx.team.findUnique({ where: { id: input.fulfilmentTeamId }, select: { id: true } }))
        ) {
          throw new AppError('INVALID_INPUT', 'No such fulfilment team', { field: 'fulfilmentTeamId' });
        }
        if (
          input.ownerId &&
          !(await tx.identity.findUnique({ where: { id: input.ownerId }, select: { id: true } }))
        ) {
          throw new AppError('INVALID_INPUT', 'No such owner', { field: 'ownerId' });
        }
        const id = input.id ?? crypto.randomUUID();
        const attributeMapping = Object.keys(input.attributeMapping).length
          ? { attributes: input.attributeMapping }
          : {};
        // A mapping edit rewrites every account it touches at once: past the guard's share it needs a confirmation.
        const mappingChange =
          before && stableStringify(before.attributeMapping) !== stableStringify(attributeMapping)
            ? await assessMappingChange(
                tx,
                { id, connectorType: input.connectorType, attributeMapping: before.attributeMapping },
                input.attributeMapping,
              )
            : null;
        const confirmedReason = mappingChange
          ? requireMassChangeConfirmation(
              mappingChange.massChange,
              input.confirmMassChange,
              'change the accounts of',
            )
          : null;
        const endpoint = endpointChange(def, before?.config, config.data);
        // Stored secrets that no longer open (another key) are entered again, whole, like after a move.
        // (Saved without new secrets, they stay as they are: the key may yet be put right.)
        const replacing =
          Boolean(before?.secrets) &&
          Object.keys(input.secrets ?? {}).length > 0 &&
          !canOpenSecrets(before!.secrets!, deps.secretKey, applicationSecretBinding(id));
        const secrets = mergeSecrets(
          before?.secrets ?? null,
          input.secrets,
          deps.secretKey,
          applicationSecretBinding(id),
          { keepStored: !endpoint.changed && !replacing },
        );
        if (endpoint.changed && before?.secrets)
          requireSecretsAgain(
            def,
            input.connectorType,
            secrets,
            deps.secretKey,
            id,
            `The connection's ${endpoint.fields.join(', ')} changed`,
          );
        else if (replacing)
          requireSecretsAgain(
            def,
            input.connectorType,
            secrets,
            deps.secretKey,
            id,
            'The stored secrets cannot be read with the current key',
          );
        const data = {
          key: input.key,
          name: input.name,
          description: input.description,
          connectorType: input.connectorType,
          config: config.data as Prisma.InputJsonValue,
          secrets,
          onDelete: input.onDelete,
          onDeleteAttributes: input.onDeleteAttributes,
          attributeMapping,
          // This form edits the naming half of the rules; required attributes and the initial password
          // (Account rules page) are kept.
          accountRules: { ...keptAccountRules(before?.accountRules), ...input.accountRules },
          concurrency: input.concurrency,
          enabled: input.enabled,
          ownerId: input.ownerId,
          fulfilmentTeamId: input.fulfilmentTeamId,
          // Who stopped provisioning, and since when: the overview and the application's page say it.
          ...(input.enabled
            ? { disabledAt: null, disabledById: null }
            : before?.enabled === false
              ? {}
              : { disabledAt: new Date(), disabledById: actor.identityId }),
        };
        const saved = input.id
          ? await tx.application.update({
              where: { id: input.id },
              // The key is written only when it changes: an UPDATE setting a unique column
              // (Application_key_key), even to its own value, locks the row FOR UPDATE as the lock above
              // would, and waits for the references' KEY SHARE.
              data: before?.key === input.key ? { ...data, key: undefined } : data,
              select: { id: true },
            })
          : await tx.application.create({ data: { id, ...data }, select: { id: true } });
        await recordAuditEvent(tx, {
          actor,
          action: input.id ? 'application.updated' : 'application.created',
          entityType: 'Application',
          entityId: saved.id,
          before: before ? auditView(before) : undefined,
          after: auditView(data),
          // Which secrets were entered (never their values), and why stored ones were dropped.
          metadata: {
            secretsChanged: Object.keys(input.secrets ?? {}),
            ...(endpoint.changed
              ? {
                  endpointChanged: endpoint.fields,
                  endpointBefore: endpoint.before,
                  endpointAfter: endpoint.after,
                  storedSecretsDiscarded: Boolean(before?.secrets),
                }
              : {}),
          },
        });
        if (mappingChange && confirmedReason) {
          const { affected, population, percent } = mappingChange.massChange;
          await recordAuditEvent(tx, {
            actor,
            action: 'application.mass_change_confirmed',
            entityType: 'Application',
            entityId: saved.id,
            after: { name: input.name, affected, population, percent, reason: confirmedReason },
          });
        }
        const affectsAccounts =
          before &&
          (JSON.stringify(before.attributeMapping) !== JSON.stringify(data.attributeMapping) ||
            before.onDelete !== input.onDelete ||
            (!before.enabled && input.enabled));
        if (affectsAccounts) {
          await deps.queue.enqueue(tx, 'access.replan', [
            {
              payload: {
                applicationId: saved.id,
                reason: 'APPLICATION_CHANGED',
                actorId: actor.identityId,
                // Accounts' attributes and states follow the settings; what people hold does not.
                accessChanged: false,
              },
            },
          ]);
        }
        // The caller above approvals moves the pending owner steps it decides (catalog's
        // saveApplicationAndFollowOwner): applications sits below approvals and cannot.
        const ownerChanged = Boolean(before) && before!.ownerId !== input.ownerId;
        return { id: saved.id, replanning: Boolean(affectsAccounts), ownerChanged };
      },
      REPEATABLE,
    );
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError('CONFLICT', `An application with the key “${input.key}” already exists`, {
        field: 'key',
      });
    throw error;
  }
}

/** Which of the settings that decide where secrets go (TConnectorDefinition.endpoint) differ. */
function endpointChange(def: TConnectorDefinition, storedConfig: unknown, config: unknown) {
  if (storedConfig === undefined) return { changed: false as const, fields: [] as string[] };
  const stored = def.configSchema.safeParse(storedConfig);
  const after = def.endpoint(config);
  // Stored settings the schema no longer reads count as another endpoint (nothing vouches for them),
  // unless only settings outside the endpoint break a rule (an upgrade's, such as LDAP attribute
  // names): then the endpoint is read as stored, and fixing them keeps the stored secrets.
  const before = stored.success
    ? def.endpoint(stored.data)
    : (storedEndpointBeside(def, storedConfig, config, stored.error) ?? {});
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (f) => stableStringify(before[f]) !== stableStringify(after[f]),
  );
  return { changed: fields.length > 0, fields, before, after };
}

/**
 * The stored endpoint when every setting today's rules refuse lies outside it: those take the values
 * being saved, and the endpoint's own settings are read as stored. Null when one is the endpoint's.
 */
function storedEndpointBeside(
  def: TConnectorDefinition,
  storedConfig: unknown,
  config: unknown,
  error: z.ZodError,
): Record<string, unknown> | null {
  if (!isPlainRecord(storedConfig) || !isPlainRecord(config)) return null;
  const endpointKeys = Object.keys(def.endpoint(config));
  const broken = new Set(error.issues.map((i) => String(i.path[0] ?? '')));
  if (broken.has('') || endpointKeys.some((k) => broken.has(k))) return null;
  const mended: Record<string, unknown> = { ...storedConfig };
  for (const k of broken) {
    if (k in config) mended[k] = config[k];
    else delete mended[k];
  }
  const parsed = def.configSchema.safeParse(mended);
  return parsed.success ? def.endpoint(parsed.data) : null;
}

const isPlainRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function requireSecretsAgain(
  def: TConnectorDefinition,
  type: ConnectorType,
  sealed: string | null,
  key: Buffer,
  id: string,
  why: string,
) {
  // Secrets were stored for the old endpoint: new ones, complete for the connector, must come with the change.
  if (
    !sealed ||
    !def.secretsSchema.safeParse(openSecrets(sealed, key, applicationSecretBinding(id))).success
  ) {
    throw new AppError(
      'INVALID_INPUT',
      `${why}: enter the ${type === 'LDAP' ? 'bind password' : 'secrets'} again (saved secrets are never sent to a new endpoint)`,
      {
        field: 'secrets',
      },
    );
  }
}

export const ZApplicationKey = z
  .string()
  .trim()
  .min(2)
  .max(60)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'key: lower-case letters, digits and dashes');

function keptAccountRules(stored: unknown): Record<string, unknown> {
  const { usernameTemplate: _template, maxLength: _max, ...rest } = (stored ?? {}) as Record<string, unknown>;
  return rest;
}
