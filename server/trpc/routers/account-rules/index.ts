import { router } from '../../init.ts';
import { listAccountRules } from './list-account-rules.ts';
import { previewAccountRules } from './preview-account-rules.ts';
import { saveAccountRules } from './save-account-rules.ts';

export const accountRulesRouter = router({
  list: listAccountRules,
  save: saveAccountRules,
  preview: previewAccountRules,
});
