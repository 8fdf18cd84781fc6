import { router } from '../../init.ts';
import { listTasks } from './list-tasks.ts';
import { settleTask } from './settle-task.ts';

export const fulfilmentRouter = router({ listTasks, settle: settleTask });
