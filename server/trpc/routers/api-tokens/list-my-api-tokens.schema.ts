import { z } from 'zod';
import { ZApiTokenRow } from './api-token-row.schema.ts';

export const ZListMyApiTokensOutput = z.array(ZApiTokenRow);
