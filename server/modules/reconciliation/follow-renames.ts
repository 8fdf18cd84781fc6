import type { TDb } from '@/server/db/client.ts';

/**
 * A planned Account whose entry the run read under another nativeId (an LDAP rename or move: same
 * entryUUID, new DN) is addressed by the new one from now on, so later writes reach the entry
 * instead of failing on the old DN. Left alone while an operation on the account is not settled
 * (the portal's own rename or move sets nativeId when it finishes; a revert must not fight it), and
 * when another planned account already has that nativeId (the unique key; a person decides).
 * Only a case difference is no rename: DNs compare without case. Answers how many followed.
 */
export async function followRenamedAccounts(
  db: TDb,
  at: { applicationId: string; runId: string; now: Date },
): Promise<number> {
  return db.$executeRaw`
    UPDATE "Account" a SET "nativeId" = o."nativeId", "updatedAt" = ${at.now.toISOString()}::timestamp(3)
      FROM "ObservedAccount" o
     WHERE o."applicationId" = ${at.applicationId}::uuid AND o."lastRunId" = ${at.runId}::uuid AND o."goneAt" IS NULL
       AND o."accountId" = a."id" AND a."nativeId" IS NOT NULL AND lower(a."nativeId") <> lower(o."nativeId")
       AND NOT EXISTS (SELECT 1 FROM "ProvisioningOperation" p WHERE p."accountId" = a."id" AND p."status" IN ('PENDING', 'RUNNING', 'RETRYING', 'WAITING'))
       AND NOT EXISTS (SELECT 1 FROM "Account" x WHERE x."applicationId" = a."applicationId" AND x."id" <> a."id" AND lower(x."nativeId") = lower(o."nativeId"))`;
}
