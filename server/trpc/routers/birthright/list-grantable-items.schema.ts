import { z } from 'zod';
import { ZRuleItem } from './birthright.schema.ts';

export const ZListGrantableItemsOutput = z.array(ZRuleItem);
