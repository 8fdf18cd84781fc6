import type { ReviewerKind } from '@/prisma/generated/enums.ts';

/** Who reviews at a stage, in words: "The person's manager", "Team Finance controllers". */
export function describeStage(s: {
  reviewerKind: ReviewerKind;
  team: { name: string } | null;
  reviewer: { displayName: string } | null;
}): string {
  switch (s.reviewerKind) {
    case 'MANAGER':
      return "The person's manager";
    case 'OWNER':
      return "The entitlement's or role's owner";
    case 'TEAM':
      return `Any member of ${s.team?.name ?? 'a team that no longer exists'}`;
    case 'PERSON':
      return s.reviewer?.displayName ?? 'A person who no longer exists';
  }
}
