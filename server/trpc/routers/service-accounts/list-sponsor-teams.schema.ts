import { z } from 'zod';

/** The teams the signed-in admin is in: a service account acts as the member who creates it. */
export const ZListSponsorTeamsOutput = z.array(z.object({ id: z.string(), name: z.string() }));
