// The public surface of slack: what other modules, routers, jobs, route handlers and tests outside it
// may import (dependency-cruiser `modules-import-public-surfaces`); its other files are its own.
// Order matters: files that reach no other module come first, then each file after the files it
// imports, so that what a file reads at load time (a zod schema, a constant) has been evaluated. No
// module imports another in a cycle any more (no-cycles-between-modules, docs/decisions/097).
export {
  DENY_REASON_BLOCK,
  DENY_REASON_CALLBACK,
  SLACK_ACTIONS,
  type TSlackMessageKind,
} from './slack-blocks.ts';
export { verifySlackSignature } from './slack-signature.ts';
export { createSlackApi, type TSlackApi } from './slack-web-api.ts';
export { decideFromSlack, openDenyDialog, recordSlackInteraction } from './decide-from-slack.ts';
export { getSlackSettings, loadSlackConfig, saveSlackSettings } from './slack-settings.ts';
export { updateApprovalMessages } from './update-approval-messages.ts';
export { postApprovalMessage } from './post-approval-message.ts';
export { sendSlackTestMessage } from './send-slack-test-message.ts';
