import { router } from '../../init.ts';
import { attachPolicy } from './attach-policy.ts';
import { deleteAutoRule } from './delete-auto-rule.ts';
import { deletePolicy } from './delete-policy.ts';
import { getSettings } from './get-settings.ts';
import { listAutoRules } from './list-auto-rules.ts';
import { listPolicies } from './list-policies.ts';
import { listTargets } from './list-targets.ts';
import { saveAutoRule } from './save-auto-rule.ts';
import { savePolicy } from './save-policy.ts';
import { saveSettings } from './save-settings.ts';

/** The identity team's approval policies, their attachments, auto-approval rules and request settings. */
export const approvalPoliciesRouter = router({
  list: listPolicies,
  save: savePolicy,
  delete: deletePolicy,
  targets: listTargets,
  attach: attachPolicy,
  settings: getSettings,
  saveSettings,
  autoRules: listAutoRules,
  saveAutoRule,
  deleteAutoRule,
});
