import { z } from 'zod';
import {
  ReviewCampaignKind,
  ReviewCampaignStatus,
  ReviewerKind,
  ReviewRevokeTiming,
  ReviewUndecidedAction,
} from '@/prisma/generated/enums.ts';
import { ZApplicationRef, ZId, ZPersonRef } from '../shared.schema.ts';
import { ZProgress } from './list-campaigns.schema.ts';

export const ZGetCampaignInput = z.object({ id: ZId });

export const ZGetCampaignOutput = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  kind: z.enum(ReviewCampaignKind),
  status: z.enum(ReviewCampaignStatus),
  startsAt: z.date(),
  dueAt: z.date(),
  undecidedAction: z.enum(ReviewUndecidedAction),
  revokeTiming: z.enum(ReviewRevokeTiming),
  recurrenceMonths: z.number().nullable(),
  startedAt: z.date().nullable(),
  closedAt: z.date().nullable(),
  createdAt: z.date(),
  parent: z.object({ id: z.string(), name: z.string() }).nullable(),
  subject: ZPersonRef.nullable(),
  createdBy: ZPersonRef.nullable(),
  scope: z.object({
    applications: z.array(ZApplicationRef),
    entitlements: z.array(z.object({ id: z.string(), name: z.string(), applicationName: z.string() })),
    roles: z.array(z.object({ id: z.string(), name: z.string() })),
    managersReports: z.boolean(),
    highRiskOnly: z.boolean(),
    notReviewedDays: z.number().nullable(),
    words: z.string(),
  }),
  stages: z.array(
    z.object({
      position: z.number(),
      reviewerKind: z.enum(ReviewerKind),
      team: z.object({ id: z.string(), name: z.string() }).nullable(),
      reviewer: ZPersonRef.nullable(),
      words: z.string(),
    }),
  ),
  progress: ZProgress,
  undecided: z.object({ kept: z.number(), revoked: z.number(), escalated: z.number(), pending: z.number() }),
  reviewers: z.array(
    z.object({
      id: z.string().nullable(),
      kind: z.enum(['PERSON', 'TEAM', 'NONE']),
      name: z.string(),
      done: z.number(),
      total: z.number(),
    }),
  ),
});
export type TCampaignDetail = z.infer<typeof ZGetCampaignOutput>;
