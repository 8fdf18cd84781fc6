import type { TUserActor } from '@/server/auth/actor.ts';
import { hasPermission } from '@/server/auth/permissions.ts';
import type { TPrisma } from '@/server/db/client.ts';
import { httpStatusOf, isAppError } from '@/server/lib/app-error.ts';
import { isBrokenText } from '@/server/lib/broken-text.ts';
import { recordAuditEvent, recordRefusedAttempt } from '@/server/modules/audit/index.ts';
import { reportCsv, type TReportExport } from '@/server/lib/report-export.ts';
import { decodeQueryOrNull } from '@/server/lib/percent-decoding.ts';

export type TReportExportDeps = {
  db: TPrisma;
  exports: Record<string, TReportExport>;
  /** The signed-in person, asked once the path names a known report. */
  actor: () => Promise<TUserActor | null>;
  now?: () => Date;
};

const PATH = /^\/api\/reports\/([a-z0-9-]{1,64})\/export\/?$/;
const fail = (status: number, message: string) =>
  Response.json({ error: message }, { status, headers: { 'Cache-Control': 'no-store' } });

/**
 * GET /api/reports/:name/export?filters: the report as a streamed CSV download. Bad filters are a
 * 400 naming the filter, before anything is read; every export is audited with its filters (what
 * evidence left the portal, and who took it). Over the Fetch API so the Next.js route and the tests'
 * HTTP server run the same code.
 */
export async function handleReportExport(request: Request, deps: TReportExportDeps): Promise<Response> {
  const url = new URL(request.url);
  const name = PATH.exec(url.pathname)?.[1];
  const report = name ? deps.exports[name] : undefined;
  if (!name || !report) return fail(404, 'No such report');
  const actor = await deps.actor();
  if (!actor) return fail(401, 'Please sign in');
  if (!hasPermission(actor, report.permission)) {
    const reason = 'You do not have permission to do this';
    await recordRefusedAttempt(deps.db, actor, {
      procedure: `GET /api/reports/${name}/export`,
      permission: report.permission,
      code: 'FORBIDDEN',
      reason,
    });
    return fail(403, reason);
  }
  const params = decodeQueryOrNull(url.search);
  const broken = params
    ? Object.entries(params).find(([k, v]) => isBrokenText(k) || isBrokenText(v))
    : ['(query)'];
  if (broken)
    return fail(
      400,
      `The filter ${JSON.stringify((broken[0] ?? '').slice(0, 40))} holds a malformed percent-escape, a NUL character or broken Unicode`,
    );
  const parsed = report.input.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail(400, `The filter ${issue.path.join('.') || '(query)'} is not valid: ${issue.message}`);
  }
  try {
    await recordAuditEvent(deps.db, {
      actor,
      action: 'report.exported',
      entityType: 'Report',
      entityId: name,
      metadata: { filters: params, format: 'csv' },
    });
    const filename = `${report
      .filename(parsed.data)
      .replace(/[^\w.-]+/g, '-')
      .slice(0, 120)}.csv`;
    return new Response(reportCsv(report, deps.db, actor, parsed.data), {
      status: 200,
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${filename}"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (error) {
    if (isAppError(error)) return fail(httpStatusOf(error), error.message);
    throw error;
  }
}
