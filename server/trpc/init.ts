import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import type { OpenApiMeta } from 'trpc-to-openapi';
import { ZodError } from 'zod';
import type { TPermission } from '@/server/auth/permissions.ts';
import { hasPermission } from '@/server/auth/permissions.ts';
import { inputErrorFromDatabase } from '@/server/db/errors.ts';
import { APP_ERROR_CODES, isAppError } from '@/server/lib/app-error.ts';
import { assertNoBrokenText } from '@/server/lib/broken-text.ts';
import { recordRefusedAttempt } from '@/server/modules/audit/index.ts';
import type { TTrpcContext } from './context.ts';

/** A procedure's `openapi` meta also serves it under /api/v1 with the same schemas (docs/decisions/070). */
const t = initTRPC
  .meta<OpenApiMeta>()
  .context<TTrpcContext>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      const isInternal = error.code === 'INTERNAL_SERVER_ERROR';
      return {
        ...shape,
        // A 500 never leaks internals; the server log has them.
        message: isInternal ? 'Something went wrong on our side. It has been logged.' : shape.message,
        data: {
          ...shape.data,
          stack: undefined,
          appCode: isAppError(cause) ? cause.code : null,
          details: isAppError(cause) ? (cause.details ?? null) : null,
          fieldErrors: cause instanceof ZodError ? cause.flatten().fieldErrors : null,
        },
      };
    },
  });

/**
 * Domain errors become tRPC errors here, once, by code (server/lib/app-error.ts). An object-level
 * refusal of a signed-in person (a 403: not your report, not your task) is audited here, after the
 * use case's transaction has rolled back, unless the use case recorded it already (`isAudited`).
 */
const mapAppErrors = t.middleware(async ({ ctx, next, path }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (isAppError(cause)) {
      const code = APP_ERROR_CODES[cause.code];
      if (code === 'FORBIDDEN' && ctx.actor && !cause.isAudited) {
        await recordRefusedAttempt(ctx.db, ctx.actor, {
          procedure: path,
          permission: null,
          code: cause.code,
          reason: cause.message,
        });
      }
      throw new TRPCError({ code, message: cause.message, cause });
    }
    const refused = result.error.code === 'INTERNAL_SERVER_ERROR' ? inputErrorFromDatabase(cause) : null;
    if (refused) {
      console.warn(`[trpc] ${path}: the database refused the input (${refused.code})`);
      throw new TRPCError({ code: refused.code, message: refused.message });
    }
    if (result.error.code === 'INTERNAL_SERVER_ERROR')
      console.error(`[trpc] ${path}`, result.error.cause ?? result.error);
  }
  return result;
});

/**
 * Every procedure's raw input, before its zod parse, is refused if any string in it holds a NUL or a
 * lone surrogate: one rule for every string that could reach PostgreSQL, not one refinement per field.
 */
const refuseBrokenText = t.middleware(async ({ next, getRawInput }) => {
  assertNoBrokenText(await getRawInput());
  return next();
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapAppErrors).use(refuseBrokenText);

/** A signed-in person; narrows ctx.actor. */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please sign in' });
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});

/** A signed-in person whose roles grant `permission` (server/auth/permissions.ts). */
export const permissionProcedure = (permission: TPermission) =>
  protectedProcedure.use(async ({ ctx, next, path }) => {
    if (!hasPermission(ctx.actor, permission)) {
      const message = 'You do not have permission to do this';
      await recordRefusedAttempt(ctx.db, ctx.actor, {
        procedure: path,
        permission,
        code: 'FORBIDDEN',
        reason: message,
      });
      throw new TRPCError({ code: 'FORBIDDEN', message });
    }
    return next();
  });
