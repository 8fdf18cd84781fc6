import type { TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { countCampaignProgress } from './campaign-progress.ts';
import { describeCampaignScope } from './describe-campaign-scope.ts';
import { describeStage } from './describe-stage.ts';

/**
 * One campaign as its page and its report head it: the scope in words, the reviewers stage by stage,
 * the dates and recurrence, and progress overall and per reviewer (the person or team an item is
 * with now; a decided item stays with whoever had it).
 */
export async function getCampaign(db: TDb, id: string) {
  const campaign = await db.reviewCampaign.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      description: true,
      kind: true,
      status: true,
      scope: true,
      startsAt: true,
      dueAt: true,
      undecidedAction: true,
      revokeTiming: true,
      recurrenceMonths: true,
      startedAt: true,
      closedAt: true,
      createdAt: true,
      parent: { select: { id: true, name: true } },
      subject: { select: { id: true, displayName: true } },
      createdBy: { select: { id: true, displayName: true } },
      stages: {
        orderBy: { position: 'asc' },
        select: {
          position: true,
          reviewerKind: true,
          team: { select: { id: true, name: true } },
          reviewer: { select: { id: true, displayName: true } },
        },
      },
    },
  });
  if (!campaign) throw new AppError('NOT_FOUND', 'No such campaign');
  const { scope, stages, ...c } = campaign;
  const automatic = (decision: 'KEEP' | 'REVOKE' | 'ESCALATE') =>
    db.reviewItem.count({ where: { campaignId: id, decisions: { some: { deciderId: null, decision } } } });
  const [scopeWords, progress, byReviewer, autoKept, autoRevoked, autoEscalated, pending] = await Promise.all(
    [
      describeCampaignScope(db, scope),
      countCampaignProgress(db, [id]),
      db.reviewItem.groupBy({
        by: ['reviewerId', 'reviewerTeamId', 'status'],
        where: { campaignId: id },
        _count: { _all: true },
      }),
      automatic('KEEP'),
      automatic('REVOKE'),
      automatic('ESCALATE'),
      db.reviewItem.count({ where: { campaignId: id, status: 'PENDING' } }),
    ],
  );
  const personIds = [...new Set(byReviewer.flatMap((g) => (g.reviewerId ? [g.reviewerId] : [])))];
  const teamIds = [...new Set(byReviewer.flatMap((g) => (g.reviewerTeamId ? [g.reviewerTeamId] : [])))];
  const [people, teams] = await Promise.all([
    personIds.length
      ? db.identity.findMany({ where: { id: { in: personIds } }, select: { id: true, displayName: true } })
      : [],
    teamIds.length
      ? db.team.findMany({ where: { id: { in: teamIds } }, select: { id: true, name: true } })
      : [],
  ]);
  const names = new Map([
    ...people.map((p) => [p.id, p.displayName] as const),
    ...teams.map((t) => [t.id, t.name] as const),
  ]);
  const reviewers = new Map<
    string,
    { id: string | null; kind: 'PERSON' | 'TEAM' | 'NONE'; name: string; done: number; total: number }
  >();
  for (const g of byReviewer) {
    const key = g.reviewerId ?? g.reviewerTeamId ?? '';
    let r = reviewers.get(key);
    if (!r) {
      const kind = g.reviewerId ? 'PERSON' : g.reviewerTeamId ? 'TEAM' : 'NONE';
      reviewers.set(
        key,
        (r = {
          id: key || null,
          kind,
          name: key ? (names.get(key) ?? 'Unknown') : 'No reviewer found',
          done: 0,
          total: 0,
        }),
      );
    }
    r.total += g._count._all;
    if (g.status !== 'PENDING') r.done += g._count._all;
  }
  return {
    ...c,
    scope: scopeWords,
    stages: stages.map((s) => ({
      position: s.position,
      reviewerKind: s.reviewerKind,
      team: s.team,
      reviewer: s.reviewer,
      words: describeStage(s),
    })),
    progress: progress.get(id)!,
    /** Items nobody decided: what the campaign did with them at the due date, and those still waiting. */
    undecided: { kept: autoKept, revoked: autoRevoked, escalated: autoEscalated, pending },
    reviewers: [...reviewers.values()].sort((a, b) => a.name.localeCompare(b.name)),
  };
}

export type TCampaignView = Awaited<ReturnType<typeof getCampaign>>;
