import type { TDb } from '@/server/db/client.ts';
import {
  applicationSecretBinding,
  decryptLegacySecret,
  encryptSecret,
  isLegacySecret,
  sourceSecretBinding,
} from '@/server/lib/secret-box.ts';

/**
 * One-time upgrade: secrets sealed before they were bound to their row (v1) are resealed bound to
 * the row they are in (v2), once per database. Run on start and by `npm run db:migrate` when the key
 * is known; after it, an unbound secret no longer opens anywhere (decryptSecret refuses v1).
 */
export async function resealLegacySecrets(
  db: TDb,
  key: Buffer,
): Promise<{ resealed: number; unreadable: string[] }> {
  // Once only: after the upgrade, a v1 box found in a row was put there by someone copying an old
  // ciphertext (from a backup, say) into a row whose endpoint they control. It must not be bound there.
  if (await db.systemSetting.findUnique({ where: { key: RESEALED_SETTING }, select: { key: true } }))
    return { resealed: 0, unreadable: [] };
  let resealed = 0;
  const unreadable: string[] = [];
  const apps = await db.application.findMany({
    where: { secrets: { startsWith: 'v1:' } },
    select: { id: true, key: true, secrets: true },
  });
  for (const app of apps) {
    const sealed = reseal(app.secrets, key, applicationSecretBinding(app.id));
    if (sealed === null) unreadable.push(`application ${app.key}`);
    else if (
      (
        await db.application.updateMany({
          where: { id: app.id, secrets: app.secrets },
          data: { secrets: sealed },
        })
      ).count
    )
      resealed++;
  }
  const sources = await db.identitySource.findMany({
    where: { secrets: { startsWith: 'v1:' } },
    select: { id: true, key: true, secrets: true },
  });
  for (const source of sources) {
    const sealed = reseal(source.secrets, key, sourceSecretBinding(source.id));
    if (sealed === null) unreadable.push(`source ${source.key}`);
    else if (
      (
        await db.identitySource.updateMany({
          where: { id: source.id, secrets: source.secrets },
          data: { secrets: sealed },
        })
      ).count
    )
      resealed++;
  }
  await db.systemSetting.create({
    data: { key: RESEALED_SETTING, value: { at: new Date().toISOString(), resealed, unreadable } },
  });
  return { resealed, unreadable };
}

const RESEALED_SETTING = 'secrets.resealed';

function reseal(
  sealed: string | null,
  key: Buffer,
  binding: Parameters<typeof encryptSecret>[2],
): string | null {
  if (!sealed || !isLegacySecret(sealed)) return null;
  try {
    return encryptSecret(decryptLegacySecret(sealed, key), key, binding);
  } catch {
    return null;
  }
}

export function describeReseal(result: { resealed: number; unreadable: string[] }): string[] {
  return [
    ...(result.resealed ? [`Secrets: resealed ${result.resealed} bound to their rows`] : []),
    ...(result.unreadable.length
      ? [
          `Secrets: cannot reseal ${result.unreadable.join(', ')} (another GATEHOUSE_SECRET_KEY?): enter them again in the admin pages`,
        ]
      : []),
  ];
}
