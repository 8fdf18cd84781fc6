import { z } from 'zod';
import type { TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { campaignScopeSchema } from './campaign-scope.ts';

/** Who reviews at one stage: the person's manager, the access's owner, any member of a team, or one person. */
export const reviewStageSchema = z.discriminatedUnion('reviewerKind', [
  z.object({ reviewerKind: z.literal('MANAGER') }),
  z.object({ reviewerKind: z.literal('OWNER') }),
  z.object({ reviewerKind: z.literal('TEAM'), teamId: z.string().uuid('teamId: must be an id') }),
  z.object({ reviewerKind: z.literal('PERSON'), reviewerId: z.string().uuid('reviewerId: must be an id') }),
]);
export type TReviewStageInput = z.infer<typeof reviewStageSchema>;

const MONTH = 30 * 86_400_000;

/** A campaign's fields as the identity team writes them (create and update take the same shape). */
export const campaignFieldsSchema = z.object({
  name: z.string().trim().min(1, 'name: required').max(200, 'name: at most 200 characters'),
  description: z.string().trim().max(2000, 'description: at most 2000 characters').default(''),
  scope: campaignScopeSchema.default(campaignScopeSchema.parse({})),
  stages: z.array(reviewStageSchema).min(1, 'stages: at least one').max(3, 'stages: at most three'),
  startsAt: z.coerce.date(),
  dueAt: z.coerce.date(),
  undecidedAction: z.enum(['KEEP', 'REVOKE', 'ESCALATE']).default('KEEP'),
  revokeTiming: z.enum(['IMMEDIATE', 'AT_CLOSE']).default('IMMEDIATE'),
  /** Months between starts (3 = quarterly); null for a one-off. */
  recurrenceMonths: z
    .number()
    .int()
    .min(1, 'recurrenceMonths: at least 1')
    .max(24, 'recurrenceMonths: at most 24')
    .nullable()
    .default(null),
});

/** The rules between fields: due after the start, and before a recurring campaign's next copy starts. */
export function refineCampaign(
  v: { startsAt: Date; dueAt: Date; recurrenceMonths: number | null },
  ctx: z.RefinementCtx,
): void {
  if (v.dueAt <= v.startsAt)
    ctx.addIssue({ code: 'custom', path: ['dueAt'], message: 'dueAt: must come after startsAt' });
  if (v.recurrenceMonths && v.dueAt.getTime() - v.startsAt.getTime() >= v.recurrenceMonths * MONTH) {
    ctx.addIssue({
      code: 'custom',
      path: ['dueAt'],
      message: 'dueAt: a recurring campaign must be due before its next copy starts',
    });
  }
}

export const campaignInputSchema = campaignFieldsSchema.superRefine(refineCampaign);
export type TCampaignInput = z.infer<typeof campaignInputSchema>;
export type TCampaignInputRaw = z.input<typeof campaignInputSchema>;

/** Parses with the schema, turning its refusal into the project's error (a use case may be called without tRPC). */
export function parseCampaignInput(input: TCampaignInputRaw): TCampaignInput {
  const parsed = campaignInputSchema.safeParse(input);
  if (!parsed.success)
    throw new AppError('INVALID_INPUT', parsed.error.issues.map((i) => i.message).join('; '));
  return parsed.data;
}

/** The stages' teams and people exist (and the people can act), and what the scope names exists. */
export async function checkCampaignReferences(db: TDb, input: TCampaignInput): Promise<void> {
  const teamIds = input.stages.flatMap((s) => (s.reviewerKind === 'TEAM' ? [s.teamId] : []));
  const personIds = input.stages.flatMap((s) => (s.reviewerKind === 'PERSON' ? [s.reviewerId] : []));
  const { applicationIds, entitlementIds, roleIds } = input.scope;
  const [teams, people, apps, ents, roles] = await Promise.all([
    teamIds.length
      ? db.team.findMany({
          where: { id: { in: teamIds } },
          select: { id: true, _count: { select: { members: true } } },
        })
      : [],
    personIds.length
      ? db.identity.findMany({ where: { id: { in: personIds }, status: 'ACTIVE' }, select: { id: true } })
      : [],
    applicationIds.length ? db.application.count({ where: { id: { in: applicationIds } } }) : 0,
    entitlementIds.length ? db.entitlement.count({ where: { id: { in: entitlementIds } } }) : 0,
    roleIds.length ? db.role.count({ where: { id: { in: roleIds } } }) : 0,
  ]);
  for (const id of teamIds) {
    const team = teams.find((t) => t.id === id);
    if (!team) throw new AppError('INVALID_INPUT', 'stages: no such team');
    if (team._count.members === 0) throw new AppError('INVALID_INPUT', 'stages: the team has no members');
  }
  if (personIds.some((id) => !people.some((p) => p.id === id)))
    throw new AppError('INVALID_INPUT', 'stages: the reviewer must be an active person');
  if (apps !== new Set(applicationIds).size)
    throw new AppError('INVALID_INPUT', 'scope.applicationIds: no such application');
  if (ents !== new Set(entitlementIds).size)
    throw new AppError('INVALID_INPUT', 'scope.entitlementIds: no such entitlement');
  if (roles !== new Set(roleIds).size) throw new AppError('INVALID_INPUT', 'scope.roleIds: no such role');
}

/** The stage rows of a campaign, in order. */
export const stageRows = (stages: readonly TReviewStageInput[]) =>
  stages.map((s, i) => ({
    position: i + 1,
    reviewerKind: s.reviewerKind,
    teamId: s.reviewerKind === 'TEAM' ? s.teamId : null,
    reviewerId: s.reviewerKind === 'PERSON' ? s.reviewerId : null,
  }));

/** A campaign's settings as its row holds them, for its creation and its edits alike (the status aside). */
export const campaignColumns = (input: TCampaignInput) => ({
  name: input.name,
  description: input.description,
  scope: input.scope,
  startsAt: input.startsAt,
  dueAt: input.dueAt,
  undecidedAction: input.undecidedAction,
  revokeTiming: input.revokeTiming,
  recurrenceMonths: input.recurrenceMonths,
  stages: { create: stageRows(input.stages) },
});

/** What the audit trail keeps of a campaign's settings. */
export function campaignView(
  c: {
    name: string;
    status: string;
    startsAt: Date;
    dueAt: Date;
    undecidedAction: string;
    revokeTiming: string;
    recurrenceMonths: number | null;
    scope: unknown;
  },
  stages: readonly TReviewStageInput[],
) {
  return {
    name: c.name,
    status: c.status,
    startsAt: c.startsAt,
    dueAt: c.dueAt,
    undecidedAction: c.undecidedAction,
    revokeTiming: c.revokeTiming,
    recurrenceMonths: c.recurrenceMonths,
    scope: c.scope as Record<string, unknown>,
    stages: stages.map((s) => ({ ...s })),
  };
}
