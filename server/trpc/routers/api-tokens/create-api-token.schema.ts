import { z } from 'zod';
import { ZCreatedApiToken, ZNewApiTokenFields } from './api-token-row.schema.ts';

export const ZCreateApiTokenInput = z.object(ZNewApiTokenFields);
export const ZCreateApiTokenOutput = ZCreatedApiToken;
