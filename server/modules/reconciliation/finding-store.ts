import type { TDb } from '@/server/db/client.ts';
import type { TFact } from './detect-findings.ts';

/** Findings per statement. */
const CHUNK = 5000;

export const RESOLVED_NOT_FOUND = 'No longer found in the target';

/**
 * One finding per fact (docs/decisions/055): a fact with no open finding opens one (OPEN, this run,
 * first seen now); a fact seen again updates its finding's last sighting and details, whatever its
 * status (an EXCEPTION or IN_PROGRESS finding keeps it). Answers how many were opened, by kind.
 */
export async function upsertFindings(
  db: TDb,
  at: { applicationId: string; runId: string; now: Date },
  facts: TFact[],
): Promise<{ opened: number; openedByKind: Record<string, number> }> {
  const openedByKind: Record<string, number> = {};
  let opened = 0;
  const unique = [...new Map(facts.map((f) => [f.factKey, f])).values()];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = unique
      .slice(i, i + CHUNK)
      .map((f) => [
        f.kind,
        f.factKey,
        f.identityId,
        f.accountId,
        f.observedAccountId,
        f.entitlementId,
        f.nativeId,
        f.details,
      ]);
    const result = await db.$queryRawUnsafe<Array<{ kind: string; opened: boolean }>>(
      `INSERT INTO "ReconciliationFinding" ("id", "runId", "lastRunId", "applicationId", "kind", "factKey", "identityId", "accountId", "observedAccountId", "entitlementId", "nativeId", "details", "firstSeenAt", "lastSeenAt")
       SELECT gen_random_uuid(), $2::uuid, $2::uuid, $3::uuid, (r->>0)::"FindingKind", r->>1, (r->>2)::uuid, (r->>3)::uuid, (r->>4)::uuid, (r->>5)::uuid, r->>6, r->7,
              $4::timestamp(3), $4::timestamp(3)
         FROM jsonb_array_elements($1::jsonb) AS r
       ON CONFLICT ("applicationId", "factKey") WHERE "status" <> 'RESOLVED' DO UPDATE SET
         "lastRunId" = EXCLUDED."lastRunId", "lastSeenAt" = EXCLUDED."lastSeenAt", "details" = EXCLUDED."details",
         "nativeId" = EXCLUDED."nativeId", "identityId" = COALESCE(EXCLUDED."identityId", "ReconciliationFinding"."identityId"),
         "accountId" = COALESCE(EXCLUDED."accountId", "ReconciliationFinding"."accountId"),
         "observedAccountId" = COALESCE(EXCLUDED."observedAccountId", "ReconciliationFinding"."observedAccountId")
       RETURNING "kind"::text AS kind, (xmax = 0) AS opened`,
      JSON.stringify(rows),
      at.runId,
      at.applicationId,
      at.now.toISOString(),
    );
    for (const r of result) {
      if (!r.opened) continue;
      opened++;
      openedByKind[r.kind] = (openedByKind[r.kind] ?? 0) + 1;
    }
  }
  return { opened, openedByKind };
}

/** The findings a run covered: all of the application's, or those about some accounts. */
export type TFindingCoverage =
  { kind: 'ALL' } | { kind: 'SOME'; observedAccountIds: string[]; accountIds: string[] };

/**
 * Resolves the open findings the run covered and no longer saw ("No longer found in the target"),
 * except facts the portal is changing right now (deferred) and vanished entitlements, which the
 * catalog's aggregation decides. Answers how many closed.
 */
export async function resolveUnseenFindings(
  db: TDb,
  at: { applicationId: string; runId: string; now: Date },
  coverage: TFindingCoverage,
  deferredKeys: string[],
): Promise<number> {
  const some = coverage.kind === 'SOME';
  return db.$executeRawUnsafe(
    `UPDATE "ReconciliationFinding" SET "status" = 'RESOLVED', "resolvedAt" = $3::timestamp(3), "resolution" = $4
      WHERE "applicationId" = $1::uuid AND "status" <> 'RESOLVED' AND "kind" <> 'ENTITLEMENT_VANISHED'
        AND "lastRunId" IS DISTINCT FROM $2::uuid AND NOT ("factKey" = ANY($5::text[]))
        ${some ? `AND ("observedAccountId" = ANY($6::uuid[]) OR "accountId" = ANY($7::uuid[]))` : `AND $6::uuid[] IS NOT NULL AND $7::uuid[] IS NOT NULL`}`,
    at.applicationId,
    at.runId,
    at.now.toISOString(),
    RESOLVED_NOT_FOUND,
    deferredKeys,
    some ? coverage.observedAccountIds : [],
    some ? coverage.accountIds : [],
  );
}
