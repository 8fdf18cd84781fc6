import type { TGroupBy, TReviewItem } from './types.ts';

export type TGroup = { key: string; title: string; detail: string | null; items: TReviewItem[] };

/** The access an item is about, in words: the entitlement with its application, or the role. */
export const whatOf = (i: TReviewItem) =>
  i.entitlement
    ? `${i.entitlement.name}${i.application ? ` (${i.application.name})` : ''}`
    : i.role
      ? `Role ${i.role.name}`
      : 'Access';

/** One line that names an item in a result list: who and what. */
export const describeItem = (i: TReviewItem | undefined) =>
  i ? `${i.person.displayName} · ${whatOf(i)}` : 'An item';

/**
 * The rows in groups, in the order the server sent them (it orders by the same key, so a group is
 * whole unless the cap cut the last one).
 */
export function groupItems(rows: TReviewItem[], by: TGroupBy): TGroup[] {
  const groups = new Map<string, TGroup>();
  for (const i of rows) {
    const key = by === 'PERSON' ? i.person.id : (i.entitlement?.id ?? i.role?.id ?? i.id);
    let g = groups.get(key);
    if (!g) {
      g =
        by === 'PERSON'
          ? {
              key,
              title: i.person.displayName,
              detail: [i.person.title, i.person.department].filter(Boolean).join(' · ') || null,
              items: [],
            }
          : {
              key,
              title: i.entitlement?.name ?? (i.role ? `Role ${i.role.name}` : 'Access'),
              detail: i.application?.name ?? (i.role ? 'Role' : null),
              items: [],
            };
      groups.set(key, g);
    }
    g.items.push(i);
  }
  return [...groups.values()];
}

/** Keeping high-risk access needs a comment: the items of a choice that need one. */
export const needsComment = (items: TReviewItem[], decision: string) =>
  decision === 'KEEP' ? items.filter((i) => i.risk === 'HIGH') : [];
