import { storedSettingProblems } from '@/server/connectors/registry.ts';
import type { TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { applicationSecretBinding } from '@/server/lib/secret-box.ts';
import { NOTHING_HELD, summariseHeldAccess } from '@/server/modules/provisioning/index.ts';
import { secretFieldsSet } from './application-secrets.ts';

/**
 * Everything the settings page shows; secrets only as the names of the fields that are set. With it,
 * who disabled it and the people whose changes wait (while disabled, or until the re-plan that
 * enabling it started has reached them). And what today's rules refuse in its stored settings, so
 * the page says what to fix when an upgrade's rule refuses settings saved before it.
 */
export async function getApplication(db: TDb, id: string, secretKey: Buffer) {
  const app = await db.application.findUnique({
    where: { id },
    select: {
      id: true,
      key: true,
      name: true,
      description: true,
      connectorType: true,
      config: true,
      secrets: true,
      onDelete: true,
      onDeleteAttributes: true,
      attributeMapping: true,
      accountRules: true,
      concurrency: true,
      enabled: true,
      disabledAt: true,
      disabledBy: { select: { id: true, displayName: true } },
      lastTestedAt: true,
      lastTestResult: true,
      ownerId: true,
      owner: { select: { id: true, displayName: true } },
      fulfilmentTeamId: true,
      createdAt: true,
      updatedAt: true,
    },
  });
  if (!app) throw new AppError('NOT_FOUND', 'No such application');
  const { secrets, ...rest } = app;
  const held = (await summariseHeldAccess(db, [app.id])).get(app.id) ?? NOTHING_HELD;
  return {
    ...rest,
    held,
    configProblems: storedSettingProblems(app.connectorType, app.config),
    secretFields: secretFieldsSet(secrets, secretKey, applicationSecretBinding(app.id)),
  };
}
