// The public surface of fulfilment: what other modules, routers, jobs and route handlers may import.
// Everything else in this folder is its own (dependency-cruiser `modules-import-public-surfaces`).
export { getFulfilmentSummary } from './get-fulfilment-summary.ts';
export { listFulfilmentTasks } from './list-fulfilment-tasks.ts';
export { listFulfilmentTeams } from './list-fulfilment-teams.ts';
export { remindOverdueTasks } from './remind-overdue-tasks.ts';
export { settleFulfilmentTask } from './settle-fulfilment-task.ts';
