import { z } from 'zod';
import { ZId } from '../shared.schema.ts';

export const ZTask = z.object({
  id: z.string(),
  status: z.enum(['OPEN', 'DONE', 'FAILED', 'CANCELLED']),
  instructions: z.string(),
  targetId: z.string().nullable(),
  failureReason: z.string().nullable(),
  dueAt: z.date(),
  completedAt: z.date().nullable(),
  createdAt: z.date(),
  application: z.object({ id: z.string(), name: z.string() }),
  team: z.object({ name: z.string() }).nullable(),
  operation: z.object({
    id: z.string(),
    kind: z.string(),
    identity: z
      .object({
        id: z.string(),
        displayName: z.string(),
        email: z.string(),
        department: z.string().nullable(),
      })
      .nullable(),
    entitlement: z.object({ name: z.string() }).nullable(),
    account: z.object({ username: z.string(), nativeId: z.string().nullable() }).nullable(),
  }),
  /** Why the task exists: its operation's reason in words, and the request behind it, if one is. */
  cause: z.object({
    phrase: z.string(),
    request: z
      .object({
        id: z.string(),
        /** As people read it (REQ-…), or the reference as recorded when it is not a request id. */
        number: z.string(),
        /** The caller may open the request's page (its evidence report) and it still exists. */
        canOpen: z.boolean(),
      })
      .nullable(),
  }),
  /** The caller may report it done or failed: open, and not about their own access (a teammate does). */
  canSettle: z.boolean(),
});
export type TTask = z.infer<typeof ZTask>;
export const ZSettleTaskInput = z.discriminatedUnion('outcome', [
  z.object({ taskId: ZId, outcome: z.literal('DONE'), targetId: z.string().trim().max(1000).optional() }),
  z.object({
    taskId: ZId,
    outcome: z.literal('FAILED'),
    reason: z.string().trim().min(5, 'reason: say what went wrong').max(2000),
  }),
]);
