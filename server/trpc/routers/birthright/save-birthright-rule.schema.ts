import { z } from 'zod';
import { ZId, ZMassChangeConfirmation } from '../shared.schema.ts';
import { ZRuleDraft } from './birthright.schema.ts';

export const ZSaveBirthrightRuleInput = z.object({
  ruleId: ZId.optional(),
  draft: ZRuleDraft,
  confirmMassChange: ZMassChangeConfirmation.optional(),
});
export const ZSaveBirthrightRuleOutput = z.object({ id: z.string() });
