import { z } from 'zod';
import { ZId } from '../shared.schema.ts';
import { ZAccountRulesInput } from './account-rules.schema.ts';

export const ZSaveAccountRulesInput = z.object({ applicationId: ZId, rules: ZAccountRulesInput });
export const ZSaveAccountRulesOutput = z.object({ id: z.string() });
