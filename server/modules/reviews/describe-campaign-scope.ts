import type { TDb } from '@/server/db/client.ts';
import { capitalise } from '@/server/shared/capitalise.ts';
import { readScope } from './campaign-scope.ts';

/** A campaign's scope: the picked items by name, and each narrowing in words. */
export async function describeCampaignScope(db: TDb, stored: unknown) {
  const s = readScope(stored);
  const [applications, entitlements, roles] = await Promise.all([
    s.applicationIds.length
      ? db.application.findMany({
          where: { id: { in: s.applicationIds } },
          orderBy: { name: 'asc' },
          select: { id: true, name: true },
        })
      : [],
    s.entitlementIds.length
      ? db.entitlement.findMany({
          where: { id: { in: s.entitlementIds } },
          orderBy: { name: 'asc' },
          select: { id: true, name: true, application: { select: { name: true } } },
        })
      : [],
    s.roleIds.length
      ? db.role.findMany({
          where: { id: { in: s.roleIds } },
          orderBy: { name: 'asc' },
          select: { id: true, name: true },
        })
      : [],
  ]);
  const picked = [
    ...applications.map((a) => `everything in ${a.name}`),
    ...entitlements.map((e) => `${e.name} (${e.application.name})`),
    ...roles.map((r) => `the role ${r.name}`),
  ];
  // Birthright is never reviewed (campaign-scope.ts): saying so keeps "all access" honest.
  const words = [
    picked.length ? picked.join(', ') : 'all access except birthright',
    ...(s.managersReports ? ["every manager's direct reports"] : []),
    ...(s.highRiskOnly ? ['high-risk access only'] : []),
    ...(s.notReviewedDays ? [`not kept in a review in the last ${s.notReviewedDays} days`] : []),
  ];
  return {
    applications,
    entitlements: entitlements.map((e) => ({ id: e.id, name: e.name, applicationName: e.application.name })),
    roles,
    managersReports: s.managersReports,
    highRiskOnly: s.highRiskOnly,
    notReviewedDays: s.notReviewedDays,
    words: capitalise(words.join('; ')),
  };
}

export type TCampaignScopeWords = Awaited<ReturnType<typeof describeCampaignScope>>;
