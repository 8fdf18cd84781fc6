import { BULK_INSERT_STATEMENT_ROWS, insertRows } from '@/server/db/bulk-insert.ts';
import { Prisma } from '@/server/db/client.ts';
import { PROFILE_ATTRIBUTES, type TProfileAttribute } from '@/server/shared/identity-attributes.ts';
import type { EmploymentType, IdentityStatus } from '@/prisma/generated/enums.ts';
import { pickUsername } from '@/server/modules/provisioning/index.ts';
import { stableStringify } from '@/server/lib/stable-stringify.ts';

/** The identity columns the lifecycle reads and writes. */
export type TIdentityRow = {
  id: string;
  employeeNumber: string | null;
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  displayName: string;
} & Record<TProfileAttribute, string | null> & {
    employmentType: EmploymentType;
    status: IdentityStatus;
    startDate: Date | null;
    endDate: Date | null;
    managerId: string | null;
    attributes: Record<string, unknown>;
    terminatedAt: Date | null;
  };

/** The profile attributes (server/shared/identity-attributes.ts) as a select, and as SQL for updates. */
const PROFILE_SELECT = Object.fromEntries(PROFILE_ATTRIBUTES.map((a) => [a, true])) as Record<
  TProfileAttribute,
  true
>;
const PROFILE_SET = Prisma.raw(PROFILE_ATTRIBUTES.map((a) => `"${a}" = v."${a}"`).join(', '));
const PROFILE_TYPES = Prisma.raw(PROFILE_ATTRIBUTES.map((a) => `"${a}" text`).join(', '));

export const IDENTITY_ROW_SELECT = {
  id: true,
  employeeNumber: true,
  username: true,
  email: true,
  firstName: true,
  lastName: true,
  displayName: true,
  ...PROFILE_SELECT,
  employmentType: true,
  status: true,
  startDate: true,
  endDate: true,
  managerId: true,
  attributes: true,
  terminatedAt: true,
} as const;

export async function loadIdentityRows(
  tx: Prisma.TransactionClient,
  ids: readonly string[],
): Promise<Map<string, TIdentityRow>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.identity.findMany({ where: { id: { in: [...ids] } }, select: IDENTITY_ROW_SELECT });
  return new Map(
    rows.map((r) => [r.id, { ...r, attributes: (r.attributes ?? {}) as Record<string, unknown> }]),
  );
}

/**
 * New people, with their managers. A manager may be one of the new people: PostgreSQL checks the
 * foreign key at the end of the statement, so that holds when all fit in one statement; when they
 * do not, managers are set by an update once every row exists.
 */
export async function createIdentityRows(
  tx: Prisma.TransactionClient,
  rows: readonly TIdentityRow[],
  origin: string,
  now: Date,
): Promise<void> {
  const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
  const oneStatement = rows.length <= BULK_INSERT_STATEMENT_ROWS;
  await insertRows(
    tx,
    'Identity',
    rows.map(({ terminatedAt: _, ...r }) => ({
      ...r,
      startDate: day(r.startDate),
      endDate: day(r.endDate),
      managerId: oneStatement ? r.managerId : null,
      origin,
      createdAt: now,
      updatedAt: now,
    })),
  );
  if (!oneStatement)
    await updateIdentityRows(
      tx,
      rows.filter((r) => r.managerId),
    );
}

/**
 * One statement for many rows, each with its own values (Prisma's updateMany sets one value for all).
 * `endingSessions`: people whose portal sessions end in this same write (stampLeavers' leavers, so
 * their row gets one new version, not two: docs/decisions/105); see endSessions.
 */
export async function updateIdentityRows(
  tx: Prisma.TransactionClient,
  rows: readonly TIdentityRow[],
  endingSessions: ReadonlySet<string> = new Set(),
): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) {
    const slice = rows.slice(i, i + 2000).map((r) => ({
      ...r,
      startDate: r.startDate ? r.startDate.toISOString().slice(0, 10) : null,
      endDate: r.endDate ? r.endDate.toISOString().slice(0, 10) : null,
      terminatedAt: r.terminatedAt ? r.terminatedAt.toISOString() : null,
      endsSessions: endingSessions.has(r.id),
    }));
    await tx.$executeRaw`
      UPDATE "Identity" AS i SET
        "employeeNumber" = v."employeeNumber", email = v.email, "firstName" = v."firstName", "lastName" = v."lastName",
        "displayName" = v."displayName", ${PROFILE_SET}, "employmentType" = v."employmentType"::"EmploymentType", status = v.status::"IdentityStatus",
        "startDate" = v."startDate"::date, "endDate" = v."endDate"::date, "managerId" = v."managerId"::uuid,
        attributes = v.attributes, "terminatedAt" = v."terminatedAt"::timestamptz AT TIME ZONE 'UTC', "updatedAt" = now() AT TIME ZONE 'UTC',
        "sessionVersion" = i."sessionVersion" + CASE WHEN v."endsSessions" THEN 1 ELSE 0 END
      FROM jsonb_to_recordset(${JSON.stringify(slice)}::jsonb) AS v(
        id uuid, "employeeNumber" text, email text, "firstName" text, "lastName" text, "displayName" text, ${PROFILE_TYPES},
        "employmentType" text, status text, "startDate" text, "endDate" text,
        "managerId" text, attributes jsonb, "terminatedAt" text, "endsSessions" boolean)
      WHERE i.id = v.id`;
  }
}

/** Portal usernames for new people: the wanted base, or the base with a number, unique across identities. */
export async function reserveIdentityUsernames(
  tx: Prisma.TransactionClient,
  bases: readonly string[],
): Promise<string[]> {
  if (bases.length === 0) return [];
  const distinct = [...new Set(bases)];
  const exact = await tx.$queryRaw<
    Array<{ username: string }>
  >`SELECT username FROM "Identity" WHERE username = ANY(${distinct}::text[])`;
  // Numbered names (base2, base3 …) matter only where the base itself is taken: look for them only
  // then, so the common case is an index lookup and not a scan of everyone's username.
  const clashing = exact.map((r) => r.username);
  const numbered = clashing.length
    ? await tx.$queryRaw<
        Array<{ username: string }>
      >`SELECT username FROM "Identity" WHERE regexp_replace(username, '[0-9]+$', '') = ANY(${clashing}::text[])`
    : [];
  const taken = new Set([...exact, ...numbered].map((r) => r.username));
  return bases.map((base) => {
    const name = pickUsername(base, (c) => taken.has(c));
    taken.add(name);
    return name;
  });
}

const MUTABLE: Array<keyof TIdentityRow> = [
  'employeeNumber',
  'email',
  'firstName',
  'lastName',
  'displayName',
  ...PROFILE_ATTRIBUTES,
  'employmentType',
  'status',
  'startDate',
  'endDate',
  'managerId',
  'attributes',
  'terminatedAt',
];

export function changedColumns(before: TIdentityRow, after: TIdentityRow): string[] {
  const norm = (v: unknown) => (v instanceof Date ? v.toISOString() : stableStringify(v ?? null));
  return MUTABLE.filter((k) => norm(before[k]) !== norm(after[k]));
}
