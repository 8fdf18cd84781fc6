import { z } from 'zod';
import type { TUserActor } from '@/server/auth/actor.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { inTransaction, REPEATABLE, type TDb } from '@/server/db/client.ts';

export const AGENT_REQUEST_MODES = ['OFF', 'LOW_RISK_ONLY', 'ALLOWED'] as const;
export type TAgentRequestMode = (typeof AGENT_REQUEST_MODES)[number];

export const APPROVAL_SETTINGS_KEY = 'approvals.settings';

export const ZApprovalSettings = z.object({
  /** A request nobody has decided after this many days expires. */
  requestMaxAgeDays: z
    .number()
    .int()
    .min(1, 'requestMaxAgeDays: at least 1 day')
    .max(365, 'requestMaxAgeDays: at most 365 days')
    .default(30),
  /** What AI agents (the MCP server) may request for their person: nothing, low-risk items, or anything a person may (docs/decisions/071). */
  agentRequests: z.enum(AGENT_REQUEST_MODES).default('LOW_RISK_ONLY'),
});
export type TApprovalSettings = z.infer<typeof ZApprovalSettings>;

export async function getApprovalSettings(db: TDb): Promise<TApprovalSettings> {
  const row = await db.systemSetting.findUnique({
    where: { key: APPROVAL_SETTINGS_KEY },
    select: { value: true },
  });
  const parsed = ZApprovalSettings.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : ZApprovalSettings.parse({});
}

/** Saves the settings given; one left out keeps its value. */
export async function saveApprovalSettings(
  db: TDb,
  actor: TUserActor,
  input: Partial<TApprovalSettings>,
): Promise<TApprovalSettings> {
  return inTransaction(
    db,
    async (tx) => {
      const before = await getApprovalSettings(tx);
      const value = ZApprovalSettings.parse({ ...before, ...input });
      await tx.systemSetting.upsert({
        where: { key: APPROVAL_SETTINGS_KEY },
        create: { key: APPROVAL_SETTINGS_KEY, value },
        update: { value },
      });
      await recordAuditEvent(tx, {
        actor,
        action: 'settings.approvals_changed',
        entityType: 'SystemSetting',
        entityId: APPROVAL_SETTINGS_KEY,
        before,
        after: value,
      });
      return value;
    },
    REPEATABLE,
  );
}
