import { createTrpcContext } from '@/server/trpc/context.ts';
import { handleTrpcRequest } from '@/server/trpc/handle-trpc-request.ts';

export const dynamic = 'force-dynamic';

const handler = (req: Request) => handleTrpcRequest(req, createTrpcContext);

export { handler as GET, handler as POST };
