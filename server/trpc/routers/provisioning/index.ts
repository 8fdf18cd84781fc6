import { router } from '../../init.ts';
import { cancelOperation } from './cancel-operation.ts';
import { getOverview } from './get-overview.ts';
import { listOperations } from './list-operations.ts';
import { retryOperation } from './retry-operation.ts';

export const provisioningRouter = router({ overview: getOverview, operations: listOperations, retry: retryOperation, cancel: cancelOperation });
