import type { TDb } from '@/server/db/client.ts';
import { toAttributeView, type TStoredRecord, type TViewAttribute } from './attribute-view.ts';
import { MANUAL_SOURCE } from './manual-source.ts';
import { loadSourceSettings, toSourceSettings } from './source-settings.ts';

export type TAttributeOwner = { sourceId: string; sourceName: string };

/**
 * The attributes of a person that an authoritative source owns: another source says something about
 * them and ranks at least as high as what the identity team enters by hand. Those are shown
 * read-only with their source; a hand edit of one would lose to the source (or tie and queue a
 * conflict), so it is refused instead.
 */
export async function attributeOwners(
  db: TDb,
  identityId: string,
): Promise<Map<TViewAttribute, TAttributeOwner>> {
  // Read-only: the Gatehouse source may not exist yet (nobody has entered anything by hand).
  const sources = await loadSourceSettings(db);
  const manualId =
    (await db.identitySource.findUnique({ where: { key: MANUAL_SOURCE.key }, select: { id: true } }))?.id ??
    null;
  const self =
    (manualId ? sources.get(manualId) : undefined) ?? toSourceSettings({ id: '', ...MANUAL_SOURCE });
  const records = await db.sourceRecord.findMany({
    where: { identityId, ...(manualId ? { sourceId: { not: manualId } } : {}) },
    select: { sourceId: true, data: true },
  });
  const owners = new Map<TViewAttribute, TAttributeOwner & { precedence: number }>();
  for (const r of records) {
    const source = sources.get(r.sourceId);
    if (!source) continue;
    for (const attribute of Object.keys(toAttributeView(r.data as TStoredRecord)) as TViewAttribute[]) {
      const precedence = source.precedenceOf(attribute);
      if (precedence > self.precedenceOf(attribute)) continue;
      const held = owners.get(attribute);
      if (!held || precedence < held.precedence)
        owners.set(attribute, { sourceId: source.id, sourceName: source.name, precedence });
    }
  }
  return new Map([...owners].map(([a, o]) => [a, { sourceId: o.sourceId, sourceName: o.sourceName }]));
}
