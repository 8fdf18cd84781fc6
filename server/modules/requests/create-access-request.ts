import type { TUserActor } from '@/server/auth/actor.ts';
import type { TPrisma } from '@/server/db/client.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { submitAccessRequests } from './submit-access-requests.ts';

export type TCreateAccessRequestInput = {
  entitlementId: string;
  beneficiaryId?: string;
  justification: string;
  requestedEndsAt?: Date | null;
  idempotencyKey?: string;
};

/** One entitlement, one request: the single-item form of submitAccessRequests. */
export async function createAccessRequest(
  db: TPrisma,
  actor: TUserActor,
  input: TCreateAccessRequestInput,
  deps: { queue: TJobQueue; now?: Date },
): Promise<{ id: string; status: string }> {
  const { entitlementId, ...rest } = input;
  const result = await submitAccessRequests(
    db,
    actor,
    { ...rest, items: [{ kind: 'ENTITLEMENT', id: entitlementId }] },
    deps,
  );
  const [request] = result.requests;
  return { id: request!.id, status: request!.status };
}
