import { getPrisma } from '@/server/db/client.ts';
import { getEnv } from '@/server/env.ts';
import { parseSecretKey } from '@/server/lib/secret-box.ts';
import { getHealth } from '@/server/modules/health/get-health.ts';
import { ConnectorCache } from '@/server/modules/provisioning/connector-cache.ts';

export const dynamic = 'force-dynamic';

let connectors: ConnectorCache | undefined;

/** GET /api/health: 200 when the database answers (degraded parts are listed), 503 when it does not. */
export async function GET() {
  connectors ??= new ConnectorCache(parseSecretKey(getEnv().GATEHOUSE_SECRET_KEY));
  const health = await getHealth(getPrisma(), connectors);
  return Response.json(health, { status: health.status === 'down' ? 503 : 200, headers: { 'Cache-Control': 'no-store' } });
}
