import { z } from 'zod';

/**
 * What a reviewer reads of an item's context snapshot (ReviewItem.context, written by the engine
 * when the campaign starts): why the person holds the access, in words; when they last used it where
 * the target tells; who else in their team holds it; the SoD conflicts it is part of. The snapshot
 * is JSON kept for years: a piece this reader does not understand shows as unknown, never as an error.
 */
export type TReviewItemContext = {
  why: string | null;
  lastUsedAt: Date | null;
  peers: { holding: number; of: number | null; names: string[] } | null;
  sod: Array<{ ruleName: string; severity: string | null; with: string | null }>;
};

const ZText = z.string().max(2000);
const ZDate = z.coerce.date().refine((d) => !Number.isNaN(d.getTime()));
const ZWords = z.union([ZText, z.object({ summary: ZText }).transform((w) => w.summary), z.object({ text: ZText }).transform((w) => w.text)]);
const ZPeers = z.object({
  holding: z.number().int().optional(),
  count: z.number().int().optional(),
  of: z.number().int().nullish(),
  teamSize: z.number().int().nullish(),
  total: z.number().int().nullish(),
  names: z.array(ZText).max(50).default([]),
});
const ZConflict = z.object({
  ruleName: ZText.optional(),
  name: ZText.optional(),
  rule: z.union([ZText, z.object({ name: ZText })]).optional(),
  severity: ZText.nullish(),
  with: ZText.nullish(),
  other: ZText.nullish(),
});

const pick = <T>(schema: z.ZodType<T>, value: unknown): T | null => {
  const r = schema.safeParse(value);
  return r.success ? r.data : null;
};

export function readReviewItemContext(raw: unknown): TReviewItemContext {
  const c = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const peers = pick(ZPeers, c.peers);
  const lastUsed = c.lastUsedAt ?? (c.lastUsed && typeof c.lastUsed === 'object' ? (c.lastUsed as { at?: unknown }).at : c.lastUsed);
  const conflicts = Array.isArray(c.sod) ? c.sod : Array.isArray((c.sod as { conflicts?: unknown } | undefined)?.conflicts) ? (c.sod as { conflicts: unknown[] }).conflicts : [];
  return {
    why: pick(ZWords, c.why),
    lastUsedAt: lastUsed == null ? null : pick(ZDate, lastUsed),
    peers: peers
      ? { holding: peers.holding ?? peers.count ?? peers.names.length, of: peers.of ?? peers.teamSize ?? peers.total ?? null, names: peers.names }
      : null,
    sod: conflicts.flatMap((x) => {
      const r = pick(ZConflict, x);
      const ruleName = r ? (r.ruleName ?? r.name ?? (typeof r.rule === 'string' ? r.rule : r.rule?.name)) : undefined;
      return r && ruleName ? [{ ruleName, severity: r.severity ?? null, with: r.with ?? r.other ?? null }] : [];
    }),
  };
}
