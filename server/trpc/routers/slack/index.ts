import { router } from '../../init.ts';
import { getSlackSettingsProcedure } from './get-slack-settings.ts';
import { saveSlackSettingsProcedure } from './save-slack-settings.ts';
import { sendSlackTestMessageProcedure } from './send-slack-test-message.ts';

/** The Slack app's settings (docs/decisions/072): on or off, its secrets write-only, a test message. */
export const slackRouter = router({
  settings: getSlackSettingsProcedure,
  saveSettings: saveSlackSettingsProcedure,
  sendTestMessage: sendSlackTestMessageProcedure,
});
