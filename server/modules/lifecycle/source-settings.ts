import { z } from 'zod';
import type { TDb } from '@/server/db/client.ts';
import { VIEW_ATTRIBUTES, type TViewAttribute } from './attribute-view.ts';
import { MOVER_ATTRIBUTES } from './classify-lifecycle.ts';
import { DEFAULT_CORRELATION_RULES, ZCorrelationRule, type TCorrelationRule } from './correlation-rules.ts';

/**
 * The part of a source's config the ingestion path reads, whatever the kind of source: how records
 * correlate, which attributes it ranks differently from its overall precedence, and which mover
 * changes end requested access.
 */
export const ZLifecycleSettings = z.object({
  correlation: z
    .array(ZCorrelationRule)
    .min(1, 'at least one correlation rule')
    .max(10)
    .default(DEFAULT_CORRELATION_RULES),
  /** Per-attribute precedence, overriding the source's own (lower wins). */
  attributePrecedence: z
    .partialRecord(z.enum(VIEW_ATTRIBUTES), z.number().int().min(0).max(10_000))
    .default({}),
  /** A mover whose change touches one of these loses their requested access (kept otherwise). */
  moverRevokesRequestedAccessOn: z.array(z.enum(MOVER_ATTRIBUTES)).default([]),
});
export type TLifecycleSettings = z.infer<typeof ZLifecycleSettings>;

export type TSourceSettings = {
  id: string;
  name: string;
  precedence: number;
  settings: TLifecycleSettings;
  precedenceOf: (attribute: TViewAttribute) => number;
};

export function toSourceSettings(s: {
  id: string;
  name: string;
  precedence: number;
  config: unknown;
}): TSourceSettings {
  const parsed = ZLifecycleSettings.safeParse(s.config ?? {});
  // Configs are validated when saved; one that no longer parses falls back to the defaults.
  const settings = parsed.success ? parsed.data : ZLifecycleSettings.parse({});
  return {
    id: s.id,
    name: s.name,
    precedence: s.precedence,
    settings,
    precedenceOf: (a) => settings.attributePrecedence[a] ?? s.precedence,
  };
}

/** Every source (a handful of rows), keyed by id. */
export async function loadSourceSettings(db: TDb): Promise<Map<string, TSourceSettings>> {
  const rows = await db.identitySource.findMany({
    select: { id: true, name: true, precedence: true, config: true },
  });
  return new Map(rows.map((r) => [r.id, toSourceSettings(r)]));
}

export type { TCorrelationRule };
