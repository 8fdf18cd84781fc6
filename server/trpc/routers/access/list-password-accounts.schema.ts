import { z } from 'zod';

export const ZPasswordAccountsOutput = z.array(
  z.object({
    application: z.object({ id: z.string(), name: z.string() }),
    username: z.string(),
    canSetPassword: z.boolean(),
    canForceReset: z.boolean(),
  }),
);
