import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/root.ts';

type TOut = inferRouterOutputs<AppRouter>['reconciliation'];
export type TFinding = TOut['listFindings']['rows'][number];
export type TFindingDetail = TOut['getFinding'];
export type TRun = TOut['listRuns']['rows'][number];
