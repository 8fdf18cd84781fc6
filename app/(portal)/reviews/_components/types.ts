import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/root.ts';

type TOut = inferRouterOutputs<AppRouter>['reviews'];
export type TReviewItem = TOut['myQueue']['rows'][number];
export type TMyCampaign = TOut['myCampaigns'][number];
export type TGroupBy = 'PERSON' | 'ENTITLEMENT';
export type TDecision = 'KEEP' | 'REVOKE' | 'REASSIGN';
/** What reviews.decide answers: the items it applied and those it refused, each with why. */
export type TDecideResult = { applied: string[]; refused: Array<{ itemId: string; reason: string }> };
