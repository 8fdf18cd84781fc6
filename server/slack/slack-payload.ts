import { z } from 'zod';

/** The parts of Slack's interactivity payloads that Gatehouse reads (block_actions and view_submission); anything else is ignored. */
const ZUser = z.object({ id: z.string().min(1).max(64) });

export const ZBlockActions = z.object({
  type: z.literal('block_actions'),
  user: ZUser,
  trigger_id: z.string().max(200).optional(),
  channel: z.object({ id: z.string().max(64) }).optional(),
  actions: z
    .array(z.object({ action_id: z.string().max(255), value: z.string().max(2000).optional() }))
    .max(5),
});

export const ZViewSubmission = z.object({
  type: z.literal('view_submission'),
  user: ZUser,
  view: z.object({
    callback_id: z.string().max(255),
    private_metadata: z.string().max(3000).default(''),
    state: z.object({
      values: z.record(
        z.string(),
        z.record(z.string(), z.object({ value: z.string().max(3000).nullish() }).loose()),
      ),
    }),
  }),
});

export const ZSlackPayload = z.discriminatedUnion('type', [ZBlockActions, ZViewSubmission]);
export type TSlackPayload = z.infer<typeof ZSlackPayload>;
