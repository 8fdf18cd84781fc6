import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '@/server/auth/actor.ts';
import { recordAuditEvents, sealAuditLog } from '@/server/modules/audit/index.ts';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/test-database.ts';

let db: TTestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

const ROOT = path.resolve(import.meta.dirname, '..');
async function auditVerify(): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'scripts/audit-verify.ts')],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: db.url } },
    );
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

describe('npm run audit:verify', () => {
  it('says the log is intact and records it, then names the broken event and exits 1', async () => {
    await recordAuditEvents(
      db.prisma,
      Array.from({ length: 3 }, (_, i) => ({
        actor: systemActor('WORKER'),
        action: 'delegation.revoked',
        entityType: 'Delegation',
        entityId: String(i),
      })),
    );
    await sealAuditLog(db.prisma);
    const intact = await auditVerify();
    expect(intact).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(
        /Audit log: intact\. 3 seals checked \(head: seal 3, sha256 [0-9a-f]{64}\)/,
      ),
    });
    expect(await db.prisma.auditVerification.count({ where: { trigger: 'CLI', ok: true } })).toBe(1);

    const [second] = await db.prisma.$queryRaw<
      Array<{ id: string }>
    >`SELECT "eventId"::text AS id FROM "AuditSeal" WHERE seq = 2`;
    // Tampering, as only a superuser can (the portal's role may not switch the triggers off): the owner.
    const owner = new pg.Client({ connectionString: db.ownerUrl });
    await owner.connect();
    await owner.query(
      `BEGIN; SET LOCAL session_replication_role = replica; UPDATE "AuditEvent" SET "entityId" = 'other' WHERE id = ${second!.id}; COMMIT`,
    );
    await owner.end();
    const broken = await auditVerify();
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`Audit log: BROKEN at event ${second!.id}, seal 2: content-changed.`);
  });
});
