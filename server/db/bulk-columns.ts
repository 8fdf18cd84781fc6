import { PROFILE_ATTRIBUTES, type TProfileAttribute } from '@/server/shared/identity-attributes.ts';
import type { Prisma } from './client.ts';

type TModel = Prisma.ModelName;
type TFieldRefs<M extends TModel> = Prisma.TypeMap['model'][M]['fields'];
/** The Prisma type of a column ('String', 'DateTime', 'Json', an enum's name…), from the generated client. */
type TPrismaType<M extends TModel, F extends keyof TFieldRefs<M>> =
  TFieldRefs<M>[F] extends Prisma.FieldRef<M, infer T> ? T : never;

/**
 * The SQL types a Prisma type may be stored as. Prisma's types cannot tell `uuid` from `text` or
 * `date` from `timestamp(3)` (that is the `@db.` attribute): bulk-columns.int.test.ts compares every
 * entry with the database itself. An enum is stored as its own type, named exactly as in the schema.
 */
type TSqlTypeOf<T> = T extends `${infer E}[]` ? `${TScalarSqlTypeOf<E>}[]` : TScalarSqlTypeOf<T>;
/** A scalar list (`String[] @db.Uuid`) is an array of its element's SQL type (`uuid[]`). */
type TScalarSqlTypeOf<T> = T extends 'String'
  ? 'text' | 'uuid'
  : T extends 'DateTime'
    ? 'timestamp(3)' | 'date'
    : T extends 'Json'
      ? 'jsonb'
      : T extends 'Int'
        ? 'integer'
        : T extends 'BigInt'
          ? 'bigint'
          : T extends 'Boolean'
            ? 'boolean'
            : T extends string
              ? `"${T}"`
              : never;

export type TColumnTypes = {
  [M in TModel]?: { [F in keyof TFieldRefs<M>]?: TSqlTypeOf<TPrismaType<M, F>> };
};

/**
 * The columns the bulk inserts write (server/db/bulk-insert.ts `insertRows`), with their SQL types:
 * the one place a table, column or type name is written for them. A name that is not in the schema,
 * or a type that does not fit the column's Prisma type, fails the type check; the exact SQL type is
 * checked against information_schema by the integration test.
 */
export const BULK_COLUMNS = {
  Identity: {
    id: 'uuid',
    employeeNumber: 'text',
    username: 'text',
    email: 'text',
    firstName: 'text',
    lastName: 'text',
    displayName: 'text',
    // Each is a text column of Identity: the type check fails for an attribute without one.
    ...(Object.fromEntries(PROFILE_ATTRIBUTES.map((a) => [a, 'text'])) as Record<TProfileAttribute, 'text'>),
    employmentType: '"EmploymentType"',
    status: '"IdentityStatus"',
    startDate: 'date',
    endDate: 'date',
    managerId: 'uuid',
    attributes: 'jsonb',
    origin: 'text',
    createdAt: 'timestamp(3)',
    updatedAt: 'timestamp(3)',
  },
  SourceRecord: {
    id: 'uuid',
    sourceId: 'uuid',
    externalId: 'text',
    identityId: 'uuid',
    data: 'jsonb',
    hash: 'text',
    createdAt: 'timestamp(3)',
    updatedAt: 'timestamp(3)',
  },
  Account: {
    id: 'uuid',
    applicationId: 'uuid',
    identityId: 'uuid',
    username: 'text',
    status: '"AccountStatus"',
    attributes: 'jsonb',
    updatedAt: 'timestamp(3)',
  },
  AccountEntitlement: {
    accountId: 'uuid',
    entitlementId: 'uuid',
    status: '"MembershipStatus"',
    updatedAt: 'timestamp(3)',
  },
  ProvisioningOperation: {
    id: 'uuid',
    applicationId: 'uuid',
    accountId: 'uuid',
    identityId: 'uuid',
    entitlementId: 'uuid',
    kind: '"OperationKind"',
    payload: 'jsonb',
    reason: 'text',
    causeRef: 'text',
  },
  Grant: {
    id: 'uuid',
    identityId: 'uuid',
    entitlementId: 'uuid',
    roleId: 'uuid',
    source: '"GrantSource"',
    sourceRef: 'text',
    startsAt: 'timestamp(3)',
    createdAt: 'timestamp(3)',
    updatedAt: 'timestamp(3)',
  },
  ApprovalStage: {
    id: 'uuid',
    requestId: 'uuid',
    position: 'integer',
    name: 'text',
    mode: '"DecisionMode"',
    quorum: 'integer',
    status: '"StageStatus"',
    kind: 'text',
    slaHours: 'integer',
    reminderHours: 'integer',
    dueAt: 'timestamp(3)',
    remindAt: 'timestamp(3)',
    clockStartedAt: 'timestamp(3)',
    teamIds: 'uuid[]',
  },
  ApprovalStep: {
    id: 'uuid',
    stageId: 'uuid',
    requestId: 'uuid',
    approverId: 'uuid',
    reason: 'text',
  },
  AccessRequest: {
    id: 'uuid',
    batchId: 'uuid',
    kind: '"RequestKind"',
    status: '"RequestStatus"',
    requesterId: 'uuid',
    beneficiaryId: 'uuid',
    entitlementId: 'uuid',
    roleId: 'uuid',
    justification: 'text',
    requestedEndsAt: 'timestamp(3)',
    idempotencyKey: 'text',
    sodEvaluation: 'jsonb',
    agentTokenId: 'uuid',
    createdAt: 'timestamp(3)',
    updatedAt: 'timestamp(3)',
  },
  Notification: {
    id: 'uuid',
    recipientId: 'uuid',
    kind: 'text',
    title: 'text',
    body: 'text',
    link: 'text',
    createdAt: 'timestamp(3)',
  },
} as const satisfies TColumnTypes;

export type TBulkTable = keyof typeof BULK_COLUMNS;
export type TBulkColumnOf<M extends TBulkTable> = keyof (typeof BULK_COLUMNS)[M] & string;

type TScalars<M extends TModel> = Prisma.TypeMap['model'][M]['payload']['scalars'];
/** A value as the row carries it: a date may also be a calendar day (YYYY-MM-DD), JSON anything. */
type TBulkValue<V> = [Prisma.JsonValue] extends [V] ? unknown : V extends Date ? Date | string : V;

/** One row of a bulk insert into M: the listed columns, each with the value type of its column. */
export type TBulkRow<M extends TBulkTable, C extends TBulkColumnOf<M>> = {
  [F in C]: F extends keyof TScalars<M> ? TBulkValue<TScalars<M>[F]> : never;
};
