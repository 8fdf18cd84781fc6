import { z } from 'zod';
import { RISK_LEVELS } from '@/server/shared/risk-level.ts';

/**
 * What a reviewer reads of an item's context snapshot (ReviewItem.context, written by item-context.ts
 * when the campaign starts): why the person holds the access, in words; when they last used it where
 * the target tells; who else holds it (under the same manager, in the department, with the same job
 * title); the SoD conflicts it is part of; why the identity team has it, when it does. The snapshot
 * is JSON kept for years: a piece this reader does not understand shows as unknown, never as an error.
 */
export type TPeerGroup = { count: number; names: string[] };
export type TReviewItemView = {
  why: string | null;
  lastUsedAt: Date | null;
  endsAt: Date | null;
  peers: {
    manager: TPeerGroup | null;
    department: TPeerGroup | null;
    title: (TPeerGroup & { ofTotal: number | null }) | null;
  };
  sod: Array<{ rule: string; explanation: string | null }>;
  fallback: string | null;
  /** The risk when the campaign started: what decides whether keeping it needs a comment. */
  risk: 'LOW' | 'MEDIUM' | 'HIGH' | null;
};

const ZText = z.string().max(2000);
const ZDate = z.coerce.date().refine((d) => !Number.isNaN(d.getTime()));
const ZPeers = z.object({ count: z.number().int().min(0), names: z.array(ZText).max(50).catch([]) });
const ZTitlePeers = ZPeers.extend({ ofTotal: z.number().int().min(0).nullable().catch(null) });
const ZConflict = z.object({ rule: ZText, explanation: ZText.nullish() });

const pick = <T>(schema: z.ZodType<T>, value: unknown): T | null => {
  const r = schema.safeParse(value);
  return r.success ? r.data : null;
};
const record = (v: unknown) =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

export function readReviewItemContext(raw: unknown): TReviewItemView {
  const c = record(raw);
  const peers = record(c.peers);
  return {
    why: pick(ZText, c.why),
    lastUsedAt: c.lastUsedAt == null ? null : pick(ZDate, c.lastUsedAt),
    endsAt: c.endsAt == null ? null : pick(ZDate, c.endsAt),
    peers: {
      manager: pick(ZPeers, peers.manager),
      department: pick(ZPeers, peers.department),
      title: pick(ZTitlePeers, peers.title),
    },
    sod: (Array.isArray(c.sod) ? c.sod : []).flatMap((x) => {
      const r = pick(ZConflict, x);
      return r ? [{ rule: r.rule, explanation: r.explanation ?? null }] : [];
    }),
    fallback: pick(ZText, c.fallback),
    risk: pick(z.enum(RISK_LEVELS), record(c.item).risk),
  };
}
