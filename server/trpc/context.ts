import type { TUserActor } from '@/server/auth/actor.ts';
import { getCurrentActor } from '@/server/auth/current-actor.ts';
import { getPrisma, type TPrisma } from '@/server/db/client.ts';
import { getWebBoss } from '@/server/queue/boss.ts';
import { createJobQueue, type TJobQueue } from '@/server/queue/enqueue.ts';
import { createQueueAdmin, type TQueueAdmin } from '@/server/queue/queue-admin.ts';
import { getEnv } from '@/server/env.ts';
import { parseSecretKey } from '@/server/lib/secret-box.ts';
import { managedRoles } from '@/server/auth/portal-role-groups.ts';
import type { PortalRole } from '@/prisma/generated/enums.ts';

export type TTrpcContext = {
  db: TPrisma;
  queue: TJobQueue;
  queueAdmin: TQueueAdmin;
  /** Encrypts and decrypts connector secrets (GATEHOUSE_SECRET_KEY). */
  secretKey: () => Buffer;
  /** Null when nobody is signed in (or the session was ended: leaver, sessionVersion bump). */
  actor: TUserActor | null;
  /** Portal roles the identity provider's groups decide (OIDC_ROLE_GROUPS); none when absent. */
  idpManagedRoles?: () => PortalRole[];
};

const queue = createJobQueue(getWebBoss);
const queueAdmin = createQueueAdmin(getWebBoss);
const secretKey = () => parseSecretKey(getEnv().GATEHOUSE_SECRET_KEY);
const idpManagedRoles = () => managedRoles(getEnv().OIDC_ROLE_GROUPS ?? {});

/** Everything a procedure is given except who is acting: the REST API adds the token's person. */
export function trpcServices(): Omit<TTrpcContext, 'actor'> {
  return { db: getPrisma(), queue, queueAdmin, secretKey, idpManagedRoles };
}

export async function createTrpcContext(): Promise<TTrpcContext> {
  return { ...trpcServices(), actor: await getCurrentActor() };
}
