import { z } from 'zod';
import { ZApiTokenRow } from '../api-tokens/api-token-row.schema.ts';
import { ZPersonRef } from '../shared.schema.ts';

export const ZListServiceAccountsOutput = z.array(
  ZApiTokenRow.extend({ team: z.object({ id: z.string(), name: z.string() }), sponsor: ZPersonRef }),
);
