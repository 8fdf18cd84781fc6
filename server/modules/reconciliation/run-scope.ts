import type { TDb } from '@/server/db/client.ts';
import type { TReadResult } from './read-target.ts';

/*
 * Which accounts a partial run judges. A run that read only part of a target diffs and resolves only
 * what its read could have changed; facts about the rest stay as the last run that saw them left them.
 */

/**
 * An incremental run: the accounts it re-read, and every account in a group it re-read (a member now,
 * one whose period it just closed, or one Gatehouse committed to the group).
 */
export async function affectedAccounts(
  db: TDb,
  applicationId: string,
  runId: string,
  read: Pick<TReadResult, 'readAccountIds' | 'readEntitlementIds'>,
): Promise<{ kind: 'SOME'; observedAccountIds: string[]; accountIds: string[] }> {
  const entitlementIds = [...read.readEntitlementIds];
  const members = await db.$queryRaw<Array<{ id: string }>>`
    SELECT DISTINCT m."observedAccountId"::text AS id
      FROM "ObservedMembership" m JOIN "ObservedAccount" o ON o.id = m."observedAccountId"
     WHERE o."applicationId" = ${applicationId}::uuid AND m."entitlementId" = ANY(${entitlementIds}::uuid[])
       AND (m."endedAt" IS NULL OR m."lastRunId" = ${runId}::uuid OR m."endedAt" >= (SELECT "startedAt" FROM "ReconciliationRun" WHERE id = ${runId}::uuid))`;
  const committed = await db.$queryRaw<Array<{ id: string }>>`
    SELECT DISTINCT ae."accountId"::text AS id FROM "AccountEntitlement" ae WHERE ae."entitlementId" = ANY(${entitlementIds}::uuid[])`;
  return {
    kind: 'SOME',
    observedAccountIds: [...new Set([...read.readAccountIds, ...members.map((m) => m.id)])],
    accountIds: committed.map((c) => c.id),
  };
}

/** A person's run: their accounts in the application, as planned and as last observed. */
export async function personScope(
  db: TDb,
  applicationId: string,
  identityId: string,
): Promise<{ accounts: string[]; observedAccountIds: string[]; accountIds: string[] }> {
  const rows = await db.$queryRaw<
    Array<{
      accountId: string;
      nativeId: string | null;
      observedId: string | null;
      stableId: string | null;
      observedNativeId: string | null;
    }>
  >`
    SELECT a.id::text AS "accountId", a."nativeId", o.id::text AS "observedId", o."stableId", o."nativeId" AS "observedNativeId"
      FROM "Account" a LEFT JOIN "ObservedAccount" o ON o."accountId" = a.id
     WHERE a."applicationId" = ${applicationId}::uuid AND a."identityId" = ${identityId}::uuid`;
  // The stable id finds the entry wherever it moved; the DNs find its memberships (groups hold DNs).
  const accounts = new Set<string>();
  for (const r of rows) {
    for (const v of [r.stableId, r.observedNativeId, r.nativeId]) if (v) accounts.add(v);
  }
  return {
    accounts: [...accounts],
    observedAccountIds: rows.flatMap((r) => (r.observedId ? [r.observedId] : [])),
    accountIds: [...new Set(rows.map((r) => r.accountId))],
  };
}
