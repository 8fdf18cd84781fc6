import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentity } from '@/server/seed/factories.ts';
import { createSourceScheduler } from '@/server/queue/source-scheduler.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { saveSource, type TSaveSource } from './save-source.ts';
import type { TSourceFiles } from './source-files.ts';
import { STALE_CLAIM_MS, watchSourceFolders } from './watch-source-folders.ts';
import { claimDropFile } from './source-files.ts';

let t: TTestContext;
let base: string;
let files: TSourceFiles;
let ivy: Awaited<ReturnType<TTestContext['actor']>>;
const HEADER = 'employeeNumber,firstName,lastName';

beforeAll(async () => {
  t = await createTestContext();
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-drop-'));
  for (const d of ['data/hr', 'allowed/hr', 'elsewhere'])
    fs.mkdirSync(path.join(base, d), { recursive: true });
  fs.symlinkSync(path.join(base, 'elsewhere'), path.join(base, 'data/escape'));
  files = { dir: path.join(base, 'data'), dropFolderRoots: [path.join(base, 'allowed')] };
  ivy = await t.actor(
    (await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'], employeeNumber: null })).id,
  );
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(base, { recursive: true, force: true });
});

const save = (key: string, folder: string, roots = files) => {
  const input: TSaveSource = {
    key,
    name: key,
    kind: 'HR_CSV',
    enabled: true,
    schedule: null,
    precedence: 10,
    config: { folder },
  };
  return saveSource(t.prisma, ivy, input, {
    secretKey: t.secretKey(),
    scheduler: createSourceScheduler(t.boss),
    files: roots,
  });
};
/** A CSV old enough for the folder poll to take it. */
function drop(folder: string, name = 'people.csv') {
  const file = path.join(folder, name);
  fs.writeFileSync(file, `${HEADER}\nD1,Dee,Drop\n`);
  const old = new Date(Date.now() - 60_000);
  fs.utimesSync(file, old, old);
  return file;
}

describe('HR drop folders', () => {
  it('are folders inside the data folder or a folder the operator allows', async () => {
    expect(await save('in-data', path.join(base, 'data/hr'))).toMatchObject({ id: expect.any(String) });
    expect(await save('not-there-yet', path.join(base, 'data/later/inbox'))).toMatchObject({
      id: expect.any(String),
    });
    expect(await save('allowed', path.join(base, 'allowed/hr'))).toMatchObject({ id: expect.any(String) });
  });

  it.each([
    ['any absolute path', () => '/etc'],
    ['a path that climbs out with ..', () => `${base}/data/hr/../../elsewhere`],
    ['the data folder itself', () => `${base}/data`],
    ['where staged files wait for their run', () => `${base}/data/source-runs`],
    ['a link in the data folder that leads out of it', () => `${base}/data/escape`],
    ['a relative path', () => 'data/hr'],
  ])('refuse %s, and save nothing', async (_name, folder) => {
    const before = await t.prisma.identitySource.count();
    await expect(save(`bad-${before}`, folder())).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      details: { field: 'config.folder' },
    });
    expect(await t.prisma.identitySource.count()).toBe(before);
  });

  it('refuse the data folder and its staged files even when an allowed folder holds them', async () => {
    const wide = { dir: files.dir, dropFolderRoots: [base] };
    expect(await save('wide', `${base}/elsewhere`, wide)).toMatchObject({ id: expect.any(String) });
    for (const folder of [`${base}/data`, `${base}/data/source-runs`, `${base}/data/uploads/x`]) {
      await expect(save(`wide-${folder.length}`, folder, wide)).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      });
    }
    await t.prisma.identitySource.delete({ where: { key: 'wide' } });
  });

  it('are not read when a folder saved before the rule is outside, nor a link to a file elsewhere', async () => {
    const outside = path.join(base, 'elsewhere');
    const legacy = await t.prisma.identitySource.create({
      data: { key: 'legacy', name: 'Legacy', kind: 'HR_CSV', precedence: 10, config: { folder: outside } },
    });
    const file = drop(outside);
    expect(await watchSourceFolders(t.prisma, { queue: t.queue, files, sourceId: legacy.id })).toEqual([]);
    expect(fs.existsSync(file)).toBe(true);

    const inData = await t.prisma.identitySource.findUniqueOrThrow({ where: { key: 'in-data' } });
    fs.symlinkSync(file, path.join(base, 'data/hr/linked.csv'));
    expect(await watchSourceFolders(t.prisma, { queue: t.queue, files, sourceId: inData.id })).toEqual([]);
    expect(fs.existsSync(path.join(base, 'data/hr/linked.csv'))).toBe(true);

    drop(path.join(base, 'data/hr'));
    expect(await watchSourceFolders(t.prisma, { queue: t.queue, files, sourceId: inData.id })).toHaveLength(
      1,
    );
  });

  it('offer a file again when the worker that claimed it died before staging it, and only then', async () => {
    const folder = path.join(base, 'data/hr');
    const inData = await t.prisma.identitySource.findUniqueOrThrow({ where: { key: 'in-data' } });
    drop(folder, 'stranded.csv');
    // A worker claims the file and dies: nothing staged, the file hidden under its claim.
    const claimed = await claimDropFile(folder, 'stranded.csv');
    expect(claimed).not.toBeNull();
    const watch = (now: Date) =>
      watchSourceFolders(t.prisma, { queue: t.queue, files, sourceId: inData.id, now });
    const runsOf = () => t.prisma.sourceRun.count({ where: { sourceId: inData.id } });
    const before = await runsOf();

    // A fresh claim may belong to a worker still staging it: left alone.
    expect(await watch(new Date())).toEqual([]);
    expect(fs.existsSync(claimed!)).toBe(true);

    // Past the stale limit it is given back under its own name and runs once.
    expect(await watch(new Date(Date.now() + STALE_CLAIM_MS + 60_000))).toHaveLength(1);
    expect(fs.existsSync(claimed!)).toBe(false);
    expect(fs.existsSync(path.join(folder, 'stranded.csv'))).toBe(false);
    expect(fs.readdirSync(path.join(folder, 'processed')).some((n) => n.endsWith('-stranded.csv'))).toBe(
      true,
    );
    expect(await runsOf()).toBe(before + 1);
  });

  it('set aside a stale claim when a newer file of the source ran since: an older snapshot never undoes a newer one', async () => {
    const folder = path.join(base, 'data/hr');
    const inData = await t.prisma.identitySource.findUniqueOrThrow({ where: { key: 'in-data' } });
    drop(folder, 'monday.csv');
    const claimed = await claimDropFile(folder, 'monday.csv');
    // Tuesday's file is dropped and runs while Monday's claim is stranded.
    await new Promise((r) => setTimeout(r, 20));
    drop(folder, 'tuesday.csv');
    expect(await watchSourceFolders(t.prisma, { queue: t.queue, files, sourceId: inData.id })).toHaveLength(
      1,
    );
    const runs = await t.prisma.sourceRun.count({ where: { sourceId: inData.id } });

    expect(
      await watchSourceFolders(t.prisma, {
        queue: t.queue,
        files,
        sourceId: inData.id,
        now: new Date(Date.now() + STALE_CLAIM_MS + 60_000),
      }),
    ).toEqual([]);
    expect(await t.prisma.sourceRun.count({ where: { sourceId: inData.id } })).toBe(runs);
    expect(fs.existsSync(claimed!)).toBe(false);
    expect(fs.existsSync(path.join(folder, 'monday.csv'))).toBe(false);
    expect(
      fs.readdirSync(path.join(folder, 'processed')).some((n) => n.endsWith('-superseded-monday.csv')),
    ).toBe(true);
  });

  it('claim a file whose name is too long to carry in the claim, without it', async () => {
    const folder = path.join(base, 'data/hr');
    const long = `${'x'.repeat(240)}.csv`;
    drop(folder, long);
    const claimed = await claimDropFile(folder, long);
    expect(path.basename(claimed!)).toMatch(/^\.[0-9a-f-]{36}\.claimed$/);
    fs.rmSync(claimed!);
  });
});
