import { getCurrentActor } from '@/server/auth/current-actor.ts';
import { hasPermission } from '@/server/auth/permissions.ts';
import { getPrisma } from '@/server/db/client.ts';
import { getEnv } from '@/server/env.ts';
import { parseSecretKey } from '@/server/lib/secret-box.ts';
import { createHealthCheck, type THealth, type TPublicHealth } from '@/server/modules/health/index.ts';
import { ConnectorCache } from '@/server/modules/provisioning/index.ts';

export const dynamic = 'force-dynamic';

let getHealth: ReturnType<typeof createHealthCheck> | undefined;

/**
 * GET /api/health: 200 when the database answers, 503 when it does not. Anyone gets the status
 * alone (load balancers, the launcher); the parts and their messages (directory URLs, bind DNs)
 * only a signed-in identity admin.
 */
export async function GET() {
  getHealth ??= createHealthCheck(new ConnectorCache(parseSecretKey(getEnv().GATEHOUSE_SECRET_KEY)));
  const health = await getHealth(getPrisma());
  const actor = await getCurrentActor().catch(() => null);
  const body: THealth | TPublicHealth =
    actor && hasPermission(actor, 'admin.applications.manage') ? health : { status: health.status };
  return Response.json(body, {
    status: health.status === 'down' ? 503 : 200,
    headers: { 'Cache-Control': 'no-store' },
  });
}
