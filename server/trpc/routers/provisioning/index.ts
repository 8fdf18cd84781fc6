import { router } from '../../init.ts';
import { cancelOperation } from './cancel-operation.ts';
import { getOverview } from './get-overview.ts';
import { listFailureGroups } from './list-failure-groups.ts';
import { listOperations } from './list-operations.ts';
import { retryFailures } from './retry-failures.ts';
import { retryOperation } from './retry-operation.ts';

export const provisioningRouter = router({
  overview: getOverview,
  operations: listOperations,
  failureGroups: listFailureGroups,
  retry: retryOperation,
  retryFailures,
  cancel: cancelOperation,
});
