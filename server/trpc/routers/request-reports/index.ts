import { router } from '../../init.ts';
import { chartAccessGrowth } from './chart-access-growth.ts';
import { chartOpenSodViolations } from './chart-open-sod-violations.ts';
import { chartRequestsPerWeek } from './chart-requests-per-week.ts';
import { chartTimeToApprove } from './chart-time-to-approve.ts';
import { getRequestEvidence } from './get-request-evidence.ts';
import { listRequests } from './list-requests.ts';
import { listSodReportChoices } from './list-sod-report-choices.ts';
import { listSodViolations } from './list-sod-violations.ts';

/** The auditors' reports on requests and risk: every request with its evidence, SoD violations past and present, charts. */
export const requestReportsRouter = router({
  listRequests,
  getEvidence: getRequestEvidence,
  listSodViolations,
  sodChoices: listSodReportChoices,
  requestsPerWeek: chartRequestsPerWeek,
  timeToApprove: chartTimeToApprove,
  accessGrowth: chartAccessGrowth,
  openSodViolations: chartOpenSodViolations,
});
