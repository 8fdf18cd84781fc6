// The public surface of slack: what other modules, routers, jobs and route handlers may import.
// Everything else in this folder is its own (dependency-cruiser `modules-import-public-surfaces`).
export { decideFromSlack, openDenyDialog, recordSlackInteraction } from './decide-from-slack.ts';
export { postApprovalMessage } from './post-approval-message.ts';
export { queueSlackApprovalMessages, queueSlackMessageUpdate } from './queue-slack-messages.ts';
export { sendSlackTestMessage } from './send-slack-test-message.ts';
export {
  DENY_REASON_BLOCK,
  DENY_REASON_CALLBACK,
  SLACK_ACTIONS,
  type TSlackMessageKind,
} from './slack-blocks.ts';
export { getSlackSettings, loadSlackConfig, saveSlackSettings } from './slack-settings.ts';
export { verifySlackSignature } from './slack-signature.ts';
export { createSlackApi, type TSlackApi } from './slack-web-api.ts';
export { updateApprovalMessages } from './update-approval-messages.ts';
