import type { TUserActor } from '@/server/auth/actor.ts';
import { hasPermission } from '@/server/auth/permissions.ts';
import { Prisma } from '@/server/db/client.ts';
import { delegationInForce } from '@/server/modules/approvals/index.ts';

/**
 * What anyone finds in the catalog: the requestable entitlements of enabled applications. The list
 * reads it as SQL over `e` (its statements join only enabled applications); a single entry as a
 * Prisma filter. The same rule twice, kept side by side here.
 */
export const LISTED_IN_CATALOG_SQL = Prisma.sql`e.requestable`;
const LISTED_IN_CATALOG = { requestable: true } satisfies Prisma.EntitlementWhereInput;

/**
 * Which entries of enabled applications a caller may open by id: what the catalog lists, and beyond
 * it what they already have reason to know of: an entitlement they hold (directly or through a
 * role), own, own the application of, or that one of their reports holds, one they have a pending
 * approval step on or stand in on for an approver out of office (the request outlives the entry's
 * requestable flag), and one whose step they decided (their decided history links it); the identity team
 * and auditors, who read everyone's access, open any. Anything else answers as if it did not exist:
 * its id alone must not show a hidden entitlement or its owner's email.
 */
export function visibleInCatalog(actor: TUserActor, now = new Date()): Prisma.EntitlementWhereInput {
  const enabled = { application: { enabled: true } } satisfies Prisma.EntitlementWhereInput;
  if (hasPermission(actor, 'access.readAll')) return enabled;
  const who = actor.identityId;
  const heldBy = (identity: Prisma.IdentityWhereInput): Prisma.EntitlementWhereInput[] => [
    { grants: { some: { status: 'ACTIVE', identity } } },
    { roleEntitlements: { some: { role: { grants: { some: { status: 'ACTIVE', identity } } } } } },
  ];
  return {
    ...enabled,
    OR: [
      LISTED_IN_CATALOG,
      { ownerId: who },
      { application: { ownerId: who } },
      ...heldBy({ id: who }),
      ...heldBy({ managerId: who }),
      // A step they can decide now, theirs or a delegator's, as their inbox lists it (list-my-approvals.ts): a later stage's waits.
      {
        requests: {
          some: {
            status: 'PENDING',
            steps: {
              some: {
                status: 'PENDING',
                stage: { status: 'PENDING' },
                OR: [
                  { approverId: who },
                  {
                    approver: { delegationsGiven: { some: { delegateId: who, ...delegationInForce(now) } } },
                  },
                ],
              },
            },
          },
        },
      },
      // A step they decided, as their decided history lists it (approval-inbox-query.ts), whatever became of the request.
      {
        requests: { some: { steps: { some: { decidedById: who, status: { in: ['APPROVED', 'DENIED'] } } } } },
      },
    ],
  };
}
