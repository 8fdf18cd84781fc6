import { router } from '../../init.ts';
import { listBirthrightRules } from './list-birthright-rules.ts';
import { listGrantableItems } from './list-grantable-items.ts';
import { previewBirthrightRule } from './preview-birthright-rule.ts';
import { saveBirthrightRule } from './save-birthright-rule.ts';

export const birthrightRouter = router({
  list: listBirthrightRules,
  preview: previewBirthrightRule,
  save: saveBirthrightRule,
  grantable: listGrantableItems,
});
