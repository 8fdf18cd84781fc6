import { z } from 'zod';

export const ZListHeldDeactivationsOutput = z.array(
  z.object({
    sourceId: z.string(),
    sourceName: z.string(),
    held: z.array(
      z.object({
        id: z.string(),
        method: z.string(),
        receivedAt: z.date(),
        person: z.object({ id: z.string(), displayName: z.string(), email: z.string() }),
        /** False on the caller's own deactivation: it waits for another identity admin. */
        canDecide: z.boolean(),
      }),
    ),
  }),
);
