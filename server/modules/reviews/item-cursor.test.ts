import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { pageCursorCodec } from '@/server/lib/page-cursor.ts';
import { decodeItemCursor, encodeItemCursor } from './list-campaign-items.ts';

describe("a campaign's items' page cursor", () => {
  it('round-trips any name and refuses the old form and a position with no id', () => {
    const at = { name: 'Zoë “O’Brien” ~ 🚀', id: '0b6f1c9e-2a7d-4f1e-9a55-6d3e2c1b0a99' };
    expect(decodeItemCursor(encodeItemCursor(at))).toEqual(at);
    expect(() => decodeItemCursor(`${at.id}~${at.name}`)).toThrow(/cursor: not one the campaign items list/);
    const forged = pageCursorCodec('campaign items', z.unknown());
    expect(() => decodeItemCursor(forged.encode({ name: at.name }))).toThrow(/cursor/);
  });
});
