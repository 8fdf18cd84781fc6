import { z } from 'zod';
import { TEAM_KEY_PATTERN, TEAM_PURPOSES } from '@/server/shared/team-key.ts';
import { ZApplicationRef, ZId } from '../shared.schema.ts';

export const ZTeamPurpose = z.enum(TEAM_PURPOSES);
const ZNameRef = z.object({ id: z.string(), name: z.string() });
export const ZTeamUsage = z.object({
  policies: z.array(ZNameRef),
  applications: z.array(ZApplicationRef),
  openTasks: z.number(),
  openApprovalStages: z.number(),
  reviewCampaigns: z.array(ZNameRef),
});

export const ZTeamSummary = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  purpose: z.string(),
  members: z.number(),
  usedBy: ZTeamUsage,
});
export const ZListTeamsOutput = z.array(ZTeamSummary);
export type TListTeamsOutput = z.infer<typeof ZListTeamsOutput>;
export type TGetTeamOutput = z.infer<typeof ZGetTeamOutput>;

export const ZGetTeamInput = z.object({ id: ZId });
export const ZTeamMember = z.object({
  id: z.string(),
  displayName: z.string(),
  title: z.string().nullable(),
  department: z.string().nullable(),
  status: z.string(),
});
export const ZGetTeamOutput = ZTeamSummary.omit({ members: true }).extend({
  createdAt: z.date(),
  members: z.array(ZTeamMember),
});

const ZTeamFields = z.object({
  name: z.string().trim().min(3, 'name: at least 3 characters').max(120),
  description: z.string().trim().max(1000).default(''),
  purpose: ZTeamPurpose,
});
export const ZCreateTeamInput = ZTeamFields.extend({
  key: z
    .string()
    .trim()
    .max(63)
    .regex(
      TEAM_KEY_PATTERN,
      'key: 2 to 63 lower-case letters, digits and dashes, starting with a letter or digit',
    ),
});
export const ZUpdateTeamInput = ZTeamFields.extend({ id: ZId });
export const ZTeamIdOutput = z.object({ id: z.string() });

export const ZTeamMemberInput = z.object({ teamId: ZId, identityId: ZId });
export const ZAddTeamMemberOutput = z.object({ added: z.literal(true) });
export const ZRemoveTeamMemberOutput = z.object({ removed: z.literal(true) });

export const ZDeleteTeamInput = z.object({ id: ZId });
export const ZDeleteTeamOutput = z.object({ deleted: z.literal(true) });
