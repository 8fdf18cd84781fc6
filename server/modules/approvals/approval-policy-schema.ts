import { z } from 'zod';

/**
 * Who approves a stage. MANAGER is the beneficiary's manager (REQUESTER_MANAGER the requester's);
 * ENTITLEMENT_OWNER is the owner of the requested entitlement or role; APPLICATION_OWNER the owner of
 * its application (for a role: of every application it spans); TEAM the members of a named team;
 * PEOPLE named identities.
 */
export const ZApproverSpec = z.discriminatedUnion('type', [
  z.object({ type: z.literal('MANAGER') }),
  z.object({ type: z.literal('REQUESTER_MANAGER') }),
  z.object({ type: z.literal('ENTITLEMENT_OWNER') }),
  z.object({ type: z.literal('APPLICATION_OWNER') }),
  z.object({ type: z.literal('TEAM'), teamKey: z.string().trim().min(1, 'approvers: pick a team').max(100) }),
  z.object({
    type: z.literal('PEOPLE'),
    identityIds: z.array(z.string().uuid()).min(1, 'approvers: name at least one person').max(50),
  }),
]);

export const ZApprovalStageSpec = z
  .object({
    name: z.string().trim().min(1, 'name: every stage needs a name').max(100),
    approvers: z
      .array(ZApproverSpec)
      .min(1, 'approvers: every stage needs at least one kind of approver')
      .max(10),
    mode: z.enum(['ANY', 'ALL', 'QUORUM']).default('ANY'),
    /** Approvals needed when mode is QUORUM (N of M). */
    quorum: z.number().int().min(1).max(50).default(1),
    /** Hours before the stage escalates to each pending approver's manager. */
    slaHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .nullish(),
    /** Hours before pending approvers get a reminder. */
    reminderHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .nullish(),
  })
  .superRefine((stage, ctx) => {
    if (stage.mode === 'QUORUM' && stage.quorum < 2) {
      ctx.addIssue({
        code: 'custom',
        path: ['quorum'],
        message: 'quorum: a quorum stage needs at least 2 approvals (use "any one" for 1)',
      });
    }
    if (stage.slaHours && stage.reminderHours && stage.reminderHours >= stage.slaHours) {
      ctx.addIssue({
        code: 'custom',
        path: ['reminderHours'],
        message: 'reminderHours: the reminder must come before the escalation',
      });
    }
  });

export const ZApprovalPolicyStages = z
  .array(ZApprovalStageSpec)
  .min(1, 'stages: a policy needs at least one stage')
  .max(8);

export type TApproverSpec = z.infer<typeof ZApproverSpec>;
export type TApprovalStageSpec = z.infer<typeof ZApprovalStageSpec>;
export type TApprovalPolicyStages = z.infer<typeof ZApprovalPolicyStages>;

/** When nothing is attached and no risk default exists: the beneficiary's manager decides. */
export const BUILT_IN_STAGES: TApprovalPolicyStages = [
  { name: 'Manager approval', approvers: [{ type: 'MANAGER' }], mode: 'ANY', quorum: 1 },
];

/** Parses a stored policy; a policy that no longer parses falls back to the built-in one, loudly. */
export function parsePolicyStages(json: unknown): { stages: TApprovalPolicyStages; valid: boolean } {
  const parsed = ZApprovalPolicyStages.safeParse(json);
  return parsed.success ? { stages: parsed.data, valid: true } : { stages: BUILT_IN_STAGES, valid: false };
}

export const APPROVER_LABEL: Record<TApproverSpec['type'], string> = {
  MANAGER: 'Manager',
  REQUESTER_MANAGER: 'Requester’s manager',
  ENTITLEMENT_OWNER: 'Owner of the item',
  APPLICATION_OWNER: 'Application owner',
  TEAM: 'Team',
  PEOPLE: 'Named people',
};
