import { z } from 'zod';
import { ZId } from '../shared.schema.ts';
import { ZMyRequest } from './list-my-requests.schema.ts';

export const ZGetRequestInput = z.object({ id: ZId });
export const ZGetRequestOutput = ZMyRequest;
