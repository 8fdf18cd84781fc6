import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/root.ts';

type TOutputs = inferRouterOutputs<AppRouter>['reports'];
export type TAccessRow = TOutputs['whoHas']['rows'][number];
export type TWhy = TAccessRow['why'][number];
export type TGrantEvidence = TOutputs['grantEvidence'];
export type TLeaverRow = TOutputs['leavers']['rows'][number];
export type TExpiringRow = TOutputs['expiring']['rows'][number];
export type TDormantRow = TOutputs['dormant']['rows'][number];
export type TPersonHeader = TOutputs['personAccess']['person'];
