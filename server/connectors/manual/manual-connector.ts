import { z } from 'zod';
import type { TCapability, TConnector, TTestResult } from '../sdk/connector.ts';

export const ZManualConfig = z.object({
  /** How long the fulfilment team has before reminders start. */
  slaHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
  /** Shown on every task: where the application lives, how to do it. */
  instructions: z.string().max(4000).default(''),
});
export const ZManualSecrets = z.object({}).passthrough();

/**
 * A target without an API: people do the work. The worker hands each operation to the application's
 * fulfilment team as a task (server/modules/fulfilment) instead of calling a connector method, so
 * this connector only describes itself.
 */
export class ManualConnector implements TConnector {
  readonly capabilities: ReadonlySet<TCapability> = new Set([
    'account.create',
    'account.update',
    'account.disable',
    'account.delete',
    'grant',
    'revoke',
  ]);

  constructor(private readonly config: z.infer<typeof ZManualConfig>) {}

  async testConnection(): Promise<TTestResult> {
    return { ok: true, message: `Manual fulfilment: tasks are due within ${this.config.slaHours} h.` };
  }

  async close(): Promise<void> {}
}
