import NextAuth from 'next-auth';
import { getAuthOptions } from '@/server/auth/auth-options.ts';

type TRouteContext = { params: Promise<{ nextauth: string[] }> };

// Options are read per request so that `next build` needs no environment.
async function handler(req: Request, ctx: TRouteContext) {
  return NextAuth(req as never, { params: await ctx.params } as never, getAuthOptions()) as Promise<Response>;
}

export { handler as GET, handler as POST };
