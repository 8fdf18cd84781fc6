import type { OperationStatus } from '@/prisma/generated/enums.ts';

export type TTimelineEvent = {
  at: Date;
  kind: 'submitted' | 'approved' | 'denied' | 'cancelled' | 'expired' | 'provisioning' | 'retrying' | 'provisioned' | 'failed';
  title: string;
  detail?: string | null;
  actor?: string | null;
};

export type TProvisioningSummary = {
  state: 'none' | 'provisioning' | 'retrying' | 'provisioned' | 'failed';
  reason: string | null;
};

type TOp = { kind: string; status: OperationStatus; lastError: string | null; attempts: number; createdAt: Date; finishedAt: Date | null; entitlementName: string | null; applicationName: string };

const OP_LABEL: Record<string, string> = {
  CREATE_ACCOUNT: 'Create account',
  UPDATE_ACCOUNT: 'Update account',
  ENABLE_ACCOUNT: 'Enable account',
  DISABLE_ACCOUNT: 'Disable account',
  DELETE_ACCOUNT: 'Delete account',
  ADD_ENTITLEMENT: 'Grant',
  REMOVE_ENTITLEMENT: 'Revoke',
};

/** One line per operation with its state; the summary is what the request page shows at a glance. */
export function summariseProvisioning(ops: TOp[]): TProvisioningSummary {
  if (ops.length === 0) return { state: 'none', reason: null };
  const failed = ops.find((o) => o.status === 'FAILED');
  if (failed) return { state: 'failed', reason: failed.lastError };
  const retrying = ops.find((o) => o.status === 'RETRYING' || (o.status === 'PENDING' && o.attempts > 0));
  if (retrying) return { state: 'retrying', reason: retrying.lastError };
  if (ops.every((o) => ['SUCCEEDED', 'NOOP', 'CANCELLED'].includes(o.status))) return { state: 'provisioned', reason: null };
  return { state: 'provisioning', reason: null };
}

export function operationEvents(ops: TOp[]): TTimelineEvent[] {
  return ops.map((o) => {
    const what = `${OP_LABEL[o.kind] ?? o.kind}${o.entitlementName ? ` ${o.entitlementName}` : ''} in ${o.applicationName}`;
    if (o.status === 'SUCCEEDED' || o.status === 'NOOP') {
      return { at: o.finishedAt ?? o.createdAt, kind: 'provisioned', title: `${what}: done`, detail: o.status === 'NOOP' ? 'already in place' : null };
    }
    if (o.status === 'FAILED') return { at: o.finishedAt ?? o.createdAt, kind: 'failed', title: `${what}: failed`, detail: o.lastError };
    if (o.status === 'RETRYING' || o.attempts > 0) return { at: o.createdAt, kind: 'retrying', title: `${what}: retrying`, detail: o.lastError };
    return { at: o.createdAt, kind: 'provisioning', title: `${what}: queued`, detail: null };
  });
}
