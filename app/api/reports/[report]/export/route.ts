import { getCurrentActor } from '@/server/auth/current-actor.ts';
import { getPrisma } from '@/server/db/client.ts';
import { handleReportExport } from '@/server/exports/handle-report-export.ts';
import { REPORT_EXPORTS } from '@/server/exports/report-exports.ts';

export const dynamic = 'force-dynamic';

/** GET /api/reports/:name/export: a report as a CSV download (server/exports/handle-report-export.ts). */
export const GET = (request: Request) =>
  handleReportExport(request, { db: getPrisma(), exports: REPORT_EXPORTS, actor: getCurrentActor });
