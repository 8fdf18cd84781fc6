import { addDays, endOfUtcDay, startOfUtcDay, utcDay } from '@/app/_components/ui/days.ts';
import type { TCampaignDetail } from '@/server/trpc/routers/reviews/get-campaign.schema.ts';

export type TStageDraft = {
  kind: 'MANAGER' | 'OWNER' | 'TEAM' | 'PERSON';
  teamId: string;
  person: { id: string; displayName: string } | null;
};

/** The form's state: what the person typed and picked, before it becomes the procedure's input. */
export type TCampaignDraft = {
  name: string;
  description: string;
  applicationIds: string[];
  itemIds: string[];
  managersReports: boolean;
  highRiskOnly: boolean;
  notReviewedDays: string;
  stages: TStageDraft[];
  startDay: string;
  dueDay: string;
  undecidedAction: 'KEEP' | 'REVOKE' | 'ESCALATE';
  revokeTiming: 'IMMEDIATE' | 'AT_CLOSE';
  recurrence: 'NONE' | 'QUARTERLY' | 'MONTHS';
  months: string;
  draft: boolean;
};

export function draftOf(c: TCampaignDetail | null, now = new Date()): TCampaignDraft {
  if (!c)
    return {
      name: '',
      description: '',
      applicationIds: [],
      itemIds: [],
      managersReports: false,
      highRiskOnly: false,
      notReviewedDays: '',
      stages: [{ kind: 'MANAGER', teamId: '', person: null }],
      startDay: utcDay(now),
      dueDay: utcDay(addDays(now, 14)),
      undecidedAction: 'KEEP',
      revokeTiming: 'IMMEDIATE',
      recurrence: 'NONE',
      months: '6',
      draft: false,
    };
  return {
    name: c.name,
    description: c.description,
    applicationIds: c.scope.applications.map((a) => a.id),
    itemIds: [...c.scope.entitlements.map((e) => e.id), ...c.scope.roles.map((r) => r.id)],
    managersReports: c.scope.managersReports,
    highRiskOnly: c.scope.highRiskOnly,
    notReviewedDays: c.scope.notReviewedDays ? String(c.scope.notReviewedDays) : '',
    stages: c.stages.map((s) => ({ kind: s.reviewerKind, teamId: s.team?.id ?? '', person: s.reviewer })),
    startDay: utcDay(c.startsAt),
    dueDay: utcDay(c.dueAt),
    undecidedAction: c.undecidedAction,
    revokeTiming: c.revokeTiming,
    recurrence: !c.recurrenceMonths ? 'NONE' : c.recurrenceMonths === 3 ? 'QUARTERLY' : 'MONTHS',
    months: c.recurrenceMonths ? String(c.recurrenceMonths) : '6',
    draft: c.status === 'DRAFT',
  };
}

/** A whole number from a field, or NaN (the server says what is wrong with it). */
const whole = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);

/** The draft as createCampaign/updateCampaign take it; `kinds` tells entitlements from roles among the picked items. */
export function campaignInput(d: TCampaignDraft, kinds: Map<string, 'ENTITLEMENT' | 'ROLE'>) {
  return {
    name: d.name.trim(),
    description: d.description.trim(),
    scope: {
      applicationIds: d.applicationIds,
      entitlementIds: d.itemIds.filter((id) => kinds.get(id) === 'ENTITLEMENT'),
      roleIds: d.itemIds.filter((id) => kinds.get(id) === 'ROLE'),
      managersReports: d.managersReports,
      highRiskOnly: d.highRiskOnly,
      notReviewedDays: d.notReviewedDays.trim() ? whole(d.notReviewedDays) : null,
    },
    stages: d.stages.map((s) =>
      s.kind === 'TEAM'
        ? { reviewerKind: 'TEAM' as const, teamId: s.teamId }
        : s.kind === 'PERSON'
          ? { reviewerKind: 'PERSON' as const, reviewerId: s.person?.id ?? '' }
          : { reviewerKind: s.kind },
    ),
    startsAt: startOfUtcDay(d.startDay),
    dueAt: endOfUtcDay(d.dueDay),
    undecidedAction: d.undecidedAction,
    revokeTiming: d.revokeTiming,
    recurrenceMonths: d.recurrence === 'NONE' ? null : d.recurrence === 'QUARTERLY' ? 3 : whole(d.months),
    draft: d.draft,
  };
}
