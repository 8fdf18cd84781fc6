import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalAuditEvent, chainHash, GENESIS_HASH, type TChainEventRow } from './audit-chain.ts';

const event: TChainEventRow = {
  id: '42',
  occurredAt: '2026-12-04T10:15:30.123Z',
  actorId: '6d1c3f5e-0d2a-4c53-9d7e-6b1f9f0a1c2b',
  actorType: 'USER',
  action: 'grant.revoked',
  entityType: 'Grant',
  entityId: 'g-1',
  subjectId: null,
  before: '{"status": "ACTIVE", "endsAt": null}',
  after: null,
  metadata: '{"reason": "left", "count": 12345678901234567891}',
};

describe('the audit chain', () => {
  it('hashes the canonical content after the previous hash', () => {
    expect(canonicalAuditEvent(event)).toBe(
      '{"action":"grant.revoked","actorId":"6d1c3f5e-0d2a-4c53-9d7e-6b1f9f0a1c2b","actorType":"USER","after":null,' +
        '"before":{"endsAt":null,"status":"ACTIVE"},"entityId":"g-1","entityType":"Grant","id":"42",' +
        '"metadata":{"count":12345678901234567891,"reason":"left"},"occurredAt":"2026-12-04T10:15:30.123Z","subjectId":null,"v":1}',
    );
    const expected = crypto
      .createHash('sha256')
      .update(Buffer.concat([GENESIS_HASH, Buffer.from(canonicalAuditEvent(event))]))
      .digest();
    expect(chainHash(GENESIS_HASH, event).equals(expected)).toBe(true);
  });

  it('does not depend on the key order jsonb returns, and does on every field and the previous hash', () => {
    const hash = chainHash(GENESIS_HASH, event).toString('hex');
    expect(
      chainHash(GENESIS_HASH, { ...event, before: '{"endsAt": null, "status": "ACTIVE"}' }).toString('hex'),
    ).toBe(hash);
    const changed: Array<Partial<TChainEventRow>> = [
      { id: '43' },
      { occurredAt: '2026-12-04T10:15:30.124Z' },
      { actorId: null },
      { action: 'grant.created' },
      { subjectId: event.actorId },
      { before: '{"status": "REVOKED", "endsAt": null}' },
      { after: '{}' },
      { metadata: '{"reason": "left", "count": 12345678901234567890}' },
    ];
    for (const change of changed)
      expect(
        chainHash(GENESIS_HASH, { ...event, ...change }).toString('hex'),
        JSON.stringify(change),
      ).not.toBe(hash);
    expect(chainHash(crypto.randomBytes(32), event).toString('hex')).not.toBe(hash);
  });
});
