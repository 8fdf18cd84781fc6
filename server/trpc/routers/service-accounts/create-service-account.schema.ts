import { z } from 'zod';
import { ZCreatedApiToken, ZNewApiTokenFields } from '../api-tokens/api-token-row.schema.ts';
import { ZId } from '../shared.schema.ts';

export const ZCreateServiceAccountInput = z.object({ ...ZNewApiTokenFields, teamId: ZId });
export const ZCreateServiceAccountOutput = ZCreatedApiToken;
