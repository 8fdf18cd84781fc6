import { z } from 'zod';

/** What the signed-in person could give a token, with what each lets it do. */
export const ZListTokenPermissionsOutput = z.array(z.object({ permission: z.string(), label: z.string() }));
