import type { TUserActor } from '@/server/auth/actor.ts';
import { createConnector } from '@/server/connectors/registry.ts';
import { classifyError } from '@/server/connectors/sdk/connector-error.ts';
import type { TPrisma } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';

const TIMEOUT_MS = 10_000;

/** "Test connection": builds the connector from the stored settings and asks the target. */
export async function testApplicationConnection(
  db: TPrisma,
  actor: TUserActor,
  applicationId: string,
  deps: { secretKey: Buffer },
) {
  const app = await db.application.findUnique({
    where: { id: applicationId },
    select: { id: true, connectorType: true, config: true, secrets: true },
  });
  if (!app) throw new AppError('NOT_FOUND', 'No such application');
  let result: { ok: boolean; message: string; kind?: string };
  const connector = (() => {
    try {
      return createConnector(app, deps.secretKey);
    } catch (error) {
      return classifyError(error);
    }
  })();
  if ('kind' in connector) {
    result = { ok: false, message: connector.message, kind: connector.kind };
  } else {
    try {
      const answer = await Promise.race([
        connector.testConnection(),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS),
        ),
      ]);
      result = { ok: answer.ok, message: answer.message };
    } catch (error) {
      const e = classifyError(error);
      result = { ok: false, message: e.message, kind: e.kind };
    } finally {
      await connector.close().catch(() => {});
    }
  }
  const testedAt = new Date();
  await db.application.update({
    where: { id: app.id },
    data: { lastTestedAt: testedAt, lastTestResult: result },
  });
  await recordAuditEvent(db, {
    actor,
    action: 'application.tested',
    entityType: 'Application',
    entityId: app.id,
    after: result,
  });
  return { ...result, testedAt };
}
