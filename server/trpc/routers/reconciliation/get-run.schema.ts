import { z } from 'zod';
import { ZId } from '../shared.schema.ts';
import { ZRunView } from './list-runs.schema.ts';

export const ZGetRunInput = z.object({ runId: ZId });
export const ZGetRunOutput = ZRunView;
