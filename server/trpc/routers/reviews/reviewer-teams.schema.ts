import { z } from 'zod';

export const ZReviewerTeamsOutput = z.array(
  z.object({ id: z.string(), name: z.string(), members: z.number() }),
);
