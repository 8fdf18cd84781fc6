import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import type { TUserActor } from '@/server/auth/actor.ts';
import { hasPermission, type TPermission } from '@/server/auth/permissions.ts';
import type { TPrisma } from '@/server/db/client.ts';
import { APP_ERROR_CODES, httpStatusOf, isAppError } from '@/server/lib/app-error.ts';
import { assertNoBrokenText } from '@/server/lib/broken-text.ts';
import { recordAuditEvent, recordRefusedAttempt } from '@/server/modules/audit/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';

/** Where the tools are served (handle-mcp-request.ts imports this module, so the path is named here). */
const MCP_PATH = '/api/mcp';

/** What every tool runs with: the token's person (never anyone else) and the portal's dependencies. */
export type TMcpContext = { db: TPrisma; actor: TUserActor; queue: TJobQueue };

/** A tool's answer: a sentence or a few lines for the model, and the same facts as data. */
export type TMcpAnswer = { text: string; data: Record<string, unknown> };

type TToolSpec<S extends z.ZodObject> = {
  name: string;
  title: string;
  description: string;
  /** The permission the portal's procedure for the same use case names; checked through the token's subset. */
  permission: TPermission;
  readOnly: boolean;
  input: S;
  run: (ctx: TMcpContext, input: z.infer<S>) => Promise<TMcpAnswer>;
};

export type TMcpTool = Pick<
  TToolSpec<z.ZodObject>,
  'name' | 'title' | 'description' | 'permission' | 'readOnly'
> & {
  register: (server: McpServer, ctx: TMcpContext) => void;
};

const answer = ({ text, data }: TMcpAnswer): CallToolResult => ({
  content: [{ type: 'text', text }],
  // Dates become ISO strings, as they would on the wire anyway.
  structuredContent: JSON.parse(JSON.stringify(data)) as Record<string, unknown>,
});

const refusal = (text: string, code: string): CallToolResult => ({
  isError: true,
  content: [{ type: 'text', text }],
  structuredContent: { error: { code, message: text } },
});

/** What a tool call answered, and the HTTP status the same outcome has on the REST API (for the audit trail). */
type TToolOutcome = { result: CallToolResult; status: number };

/**
 * A tool as the portal's procedures are: the permission checked first (through the token's subset),
 * broken text refused, domain errors answered with their message (a refusal of the person audited as
 * `access.refused`, as tRPC does), anything else logged and answered without internals.
 */
export function defineMcpTool<S extends z.ZodObject>(spec: TToolSpec<S>): TMcpTool {
  const { input, run: _run, ...about } = spec;
  return {
    ...about,
    register: (server, ctx) => {
      server.registerTool(
        spec.name,
        {
          title: spec.title,
          description: spec.description,
          inputSchema: input as z.ZodObject,
          annotations: { readOnlyHint: spec.readOnly, destructiveHint: false, openWorldHint: false },
        },
        async (args: Record<string, unknown>) => {
          const { result, status } = await callTool(spec, ctx, args);
          await auditToolCall(ctx, spec.name, status);
          return result;
        },
      );
    },
  };
}

async function callTool<S extends z.ZodObject>(
  spec: TToolSpec<S>,
  ctx: TMcpContext,
  args: Record<string, unknown>,
): Promise<TToolOutcome> {
  const procedure = `mcp:${spec.name}`;
  if (!hasPermission(ctx.actor, spec.permission)) {
    const reason = `This token may not use ${spec.name}: it needs the permission ${spec.permission}, which the token or its person lacks`;
    await recordRefusedAttempt(ctx.db, ctx.actor, {
      procedure,
      permission: spec.permission,
      code: 'FORBIDDEN',
      reason,
    });
    return { result: refusal(reason, 'FORBIDDEN'), status: 403 };
  }
  try {
    assertNoBrokenText(args);
    return { result: answer(await spec.run(ctx, spec.input.parse(args))), status: 200 };
  } catch (error) {
    if (!isAppError(error)) {
      console.error(`[mcp] ${spec.name}`, error);
      return {
        result: refusal('Something went wrong on our side. It has been logged.', 'INTERNAL'),
        status: 500,
      };
    }
    if (APP_ERROR_CODES[error.code] === 'FORBIDDEN' && !error.isAudited)
      await recordRefusedAttempt(ctx.db, ctx.actor, {
        procedure,
        permission: null,
        code: error.code,
        reason: error.message,
      });
    return { result: refusal(error.message, error.code), status: httpStatusOf(error) };
  }
}

/**
 * One api.called event per tool call, as the REST API records one per call (docs/decisions/070),
 * naming the tool. After the call: it has happened either way, so a failed write is logged, not answered.
 */
async function auditToolCall(ctx: TMcpContext, tool: string, status: number): Promise<void> {
  const tokenId = ctx.actor.apiToken?.id;
  if (!tokenId) return;
  await recordAuditEvent(ctx.db, {
    actor: ctx.actor,
    action: 'api.called',
    entityType: 'ApiToken',
    entityId: tokenId,
    subjectId: ctx.actor.identityId,
    metadata: { apiTokenId: tokenId, method: 'MCP', path: MCP_PATH, tool, status },
  }).catch((error: unknown) => console.error('[mcp] could not audit a tool call', error));
}
