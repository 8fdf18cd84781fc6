import type { TDb } from '@/server/db/client.ts';
import { loadProvisioningOperations } from '@/server/modules/provisioning/index.ts';
import type { TTimelineOperation } from '@/server/modules/requests/index.ts';

/**
 * What provisioning did because of a request (its operations carry `request:<id>` as their cause):
 * per target, the operation, its state and times, the target's own id for the account (a DN, a
 * Salesforce Id; from the connector's result, else the account's, else what a fulfiller entered)
 * and the group's, and the target's error message when it failed.
 */
export async function loadRequestProvisioning(db: TDb, requestId: string) {
  const operations = await loadProvisioningOperations(db, { causeRef: `request:${requestId}` });
  const timelineOps: TTimelineOperation[] = operations.map((o) => ({
    kind: o.kind,
    status: o.status,
    lastError: o.lastError,
    attempts: o.attempts,
    createdAt: o.createdAt,
    finishedAt: o.finishedAt,
    entitlementName: o.entitlementName,
    applicationName: o.application.name,
  }));
  return { operations, timelineOps };
}
