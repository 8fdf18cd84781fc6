import { stableStringify } from '@/server/lib/stable-stringify.ts';
import { VIEW_ATTRIBUTES, type TAttributeView, type TViewAttribute } from './attribute-view.ts';

/** One source's view of a person, with the precedence it has for each attribute (lower wins). */
export type TRankedView = {
  sourceId: string;
  sourceName: string;
  precedenceOf: (attribute: TViewAttribute) => number;
  view: TAttributeView;
};

export type TConflictCandidate = { sourceId: string; sourceName: string; value: unknown; precedence: number };

/** A tie precedence cannot settle. `key` identifies the disagreement (who says what). */
export type TAttributeTie = { attribute: TViewAttribute; key: string; candidates: TConflictCandidate[] };

/** How a tie was settled before: a person chose a source, or it is still open (keep the current value). */
export type TSettledTie = { key: string; chosenSourceId: string | null };

export type TResolvedAttributes = { values: TAttributeView; ties: Array<TAttributeTie & { isNew: boolean }> };

/**
 * Per-attribute precedence across sources: for each attribute, the value of the source with the lowest
 * precedence number among those that say something about it. When the best-ranked sources disagree,
 * the tie goes to the identity team; until someone decides, the attribute keeps its current value
 * (it is absent from `values`). A tie decided earlier (same sources saying the same things) is not
 * queued again: the chosen source's value applies.
 */
export function resolveAttributes(
  views: readonly TRankedView[],
  settled: ReadonlyMap<string, TSettledTie> = new Map(),
): TResolvedAttributes {
  const values: TAttributeView = {};
  const ties: TResolvedAttributes['ties'] = [];
  for (const attribute of VIEW_ATTRIBUTES) {
    const candidates = views
      .filter((v) => attribute in v.view)
      .map((v) => ({
        sourceId: v.sourceId,
        sourceName: v.sourceName,
        value: v.view[attribute],
        precedence: v.precedenceOf(attribute),
      }));
    if (candidates.length === 0) continue;
    const best = Math.min(...candidates.map((c) => c.precedence));
    const top = candidates
      .filter((c) => c.precedence === best)
      .sort((a, b) => a.sourceId.localeCompare(b.sourceId));
    const distinct = new Set(top.map((c) => stableStringify(c.value)));
    if (distinct.size === 1) {
      (values as Record<string, unknown>)[attribute] = top[0]!.value;
      continue;
    }
    const key = stableStringify(top.map((c) => [c.sourceId, c.value]));
    const before = settled.get(attribute);
    if (before?.key === key && before.chosenSourceId) {
      const chosen = top.find((c) => c.sourceId === before.chosenSourceId);
      if (chosen) {
        (values as Record<string, unknown>)[attribute] = chosen.value;
        continue;
      }
    }
    ties.push({ attribute, key, candidates: top, isNew: before?.key !== key });
  }
  return { values, ties };
}
