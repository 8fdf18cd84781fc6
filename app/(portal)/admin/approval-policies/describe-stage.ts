import type { TApprovalStageSpec, TApproverSpec } from '@/server/modules/approvals/index.ts';

export type TNames = { teams: Map<string, string>; people: Map<string, string> };

export function describeApprover(a: TApproverSpec, names: TNames): string {
  switch (a.type) {
    case 'MANAGER':
      return 'the manager';
    case 'REQUESTER_MANAGER':
      return 'the requester’s manager';
    case 'ENTITLEMENT_OWNER':
      return 'the owner of the item';
    case 'APPLICATION_OWNER':
      return 'the application owner';
    case 'TEAM':
      return `the ${names.teams.get(a.teamKey) ?? a.teamKey} team`;
    case 'PEOPLE':
      return a.identityIds.map((id) => names.people.get(id) ?? 'someone').join(', ');
  }
}

/** "2 of the Security reviewers team", "the manager", "all of …": how the stage decides, in words. */
export function describeStage(s: TApprovalStageSpec, names: TNames): string {
  const who = s.approvers.map((a) => describeApprover(a, names)).join(' or ');
  const how = s.mode === 'QUORUM' ? `${s.quorum} of ${who}` : s.mode === 'ALL' ? `all of ${who}` : who;
  const timing = [
    s.reminderHours ? `reminder after ${s.reminderHours} h` : null,
    s.slaHours ? `escalates after ${s.slaHours} h` : null,
  ]
    .filter(Boolean)
    .join(', ');
  return timing ? `${how} (${timing})` : how;
}
