import { getEnv } from '@/server/env.ts';
import { trpcServices } from '@/server/trpc/context.ts';
import { handleRestRequest } from '@/server/trpc/rest/handle-rest-request.ts';

export const dynamic = 'force-dynamic';

/** The REST API under /api/v1 (server/trpc/rest/handle-rest-request.ts, docs/decisions/070). */
const handler = (request: Request) => {
  const env = getEnv();
  return handleRestRequest(request, {
    services: trpcServices(),
    rateLimit: { burst: env.API_RATE_LIMIT_BURST, perMinute: env.API_RATE_LIMIT_PER_MINUTE },
  });
};

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
