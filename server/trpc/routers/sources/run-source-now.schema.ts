import { z } from 'zod';
import { ZId } from '../shared.schema.ts';

export const ZRunSourceNowInput = z.object({ sourceId: ZId });
export const ZRunSourceNowOutput = z.object({ runIds: z.array(z.string()) });
