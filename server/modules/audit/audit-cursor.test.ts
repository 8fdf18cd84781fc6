import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { pageCursorCodec } from '@/server/lib/page-cursor.ts';
import { decodeAuditCursor, encodeAuditCursor } from './audit-log-query.ts';

describe("the audit log's page cursor", () => {
  it("round-trips a row's position and refuses another list's, the old form and a tampered id", () => {
    const at = new Date('2026-04-01T09:30:00.123Z');
    expect(decodeAuditCursor(encodeAuditCursor({ occurredAt: at, id: '42' }))).toEqual({
      occurredAt: at.toISOString(),
      id: '42',
    });
    const elsewhere = pageCursorCodec('campaign items', z.unknown());
    expect(() => decodeAuditCursor(elsewhere.encode({ occurredAt: at.toISOString(), id: '42' }))).toThrow(
      /cursor: not one the audit log list gave out/,
    );
    expect(() => decodeAuditCursor(`${at.toISOString()}_42`)).toThrow(/cursor/);
    const forged = pageCursorCodec('audit log', z.unknown());
    expect(() => decodeAuditCursor(forged.encode({ occurredAt: at.toISOString(), id: '1 OR 1=1' }))).toThrow(
      /cursor/,
    );
    // Nineteen digits, past the largest bigint: refused here, not by PostgreSQL's cast (a 500).
    expect(() =>
      decodeAuditCursor(forged.encode({ occurredAt: at.toISOString(), id: '9999999999999999999' })),
    ).toThrow(/cursor/);
    expect(decodeAuditCursor(encodeAuditCursor({ occurredAt: at, id: '9223372036854775807' })).id).toBe(
      '9223372036854775807',
    );
  });
});
