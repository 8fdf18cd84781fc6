import type { TDb } from '@/server/db/client.ts';

export async function listApplications(db: TDb) {
  const apps = await db.application.findMany({
    orderBy: { name: 'asc' },
    select: {
      id: true,
      key: true,
      name: true,
      description: true,
      connectorType: true,
      enabled: true,
      onDelete: true,
      lastTestedAt: true,
      lastTestResult: true,
      owner: { select: { id: true, displayName: true } },
      _count: { select: { entitlements: true, accounts: { where: { status: { not: 'DELETED' } } } } },
    },
  });
  return apps.map(({ _count, lastTestResult, ...a }) => ({
    ...a,
    lastTestOk: (lastTestResult as { ok?: boolean } | null)?.ok ?? null,
    entitlements: _count.entitlements,
    accounts: _count.accounts,
  }));
}
