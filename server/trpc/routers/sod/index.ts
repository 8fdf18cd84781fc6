import { router } from '../../init.ts';
import { deleteRule } from './delete-rule.ts';
import { listItems } from './list-items.ts';
import { listRules } from './list-rules.ts';
import { listViolations } from './list-violations.ts';
import { previewRule } from './preview-rule.ts';
import { recordMitigation } from './record-mitigation.ts';
import { revokeMitigation } from './revoke-mitigation.ts';
import { runScan } from './run-scan.ts';
import { saveRule } from './save-rule.ts';

/** Segregation of duties: rules (with a preview), violations, the detective scan and mitigations. */
export const sodRouter = router({
  rules: listRules,
  items: listItems,
  saveRule,
  deleteRule,
  previewRule,
  violations: listViolations,
  scan: runScan,
  recordMitigation,
  revokeMitigation,
});
