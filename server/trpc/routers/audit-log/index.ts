import { router } from '../../init.ts';
import { getFilterOptions } from './get-filter-options.ts';
import { listAuditLog } from './list-audit-log.ts';

/** The audit log as people read it (auditors and the identity team). Verification lives in `audit`. */
export const auditLogRouter = router({ list: listAuditLog, filterOptions: getFilterOptions });
