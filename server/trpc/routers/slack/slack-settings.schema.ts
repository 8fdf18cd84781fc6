import { z } from 'zod';

/** Only http(s): the Web API is HTTPS at Slack; plain http is for the local emulator. */
const ZApiUrl = z
  .string()
  .trim()
  .max(500)
  .url('apiUrl: a URL such as https://slack.com/api/')
  .refine((u) => /^https?:\/\//i.test(u), 'apiUrl: an http or https URL');

const ZSecret = z.string().trim().max(500, 'at most 500 characters');

export const ZSlackSettingsOutput = z.object({
  enabled: z.boolean(),
  apiUrl: z.string(),
  /** Which secrets are set; their values never leave the server. */
  secretsSet: z.array(z.enum(['botToken', 'signingSecret'])),
});

export const ZSaveSlackSettingsInput = z.object({
  enabled: z.boolean().optional(),
  apiUrl: ZApiUrl.optional(),
  /** Write-only: a field left out keeps its value, an empty string clears it. */
  secrets: z.object({ botToken: ZSecret.optional(), signingSecret: ZSecret.optional() }).optional(),
});

export const ZSlackTestMessageOutput = z.object({ sent: z.literal(true) });
