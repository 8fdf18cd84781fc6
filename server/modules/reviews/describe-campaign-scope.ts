import type { TDb } from '@/server/db/client.ts';

/**
 * The scope as stored. The reviews engine validates it on write (campaignScopeSchema); this reader
 * only needs the names, and takes what is absent or of another shape as "not chosen", so a campaign
 * written by an older version still reads.
 */
type TStoredScope = {
  applicationIds?: unknown;
  entitlementIds?: unknown;
  roleIds?: unknown;
  directReports?: unknown;
  highRiskOnly?: unknown;
  notReviewedInDays?: unknown;
};

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const ids = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** A campaign's scope: the picked items by name, and each narrowing in words. */
export async function describeCampaignScope(db: TDb, scope: unknown) {
  const s = (scope && typeof scope === 'object' ? scope : {}) as TStoredScope;
  const [applications, entitlements, roles] = await Promise.all([
    ids(s.applicationIds).length ? db.application.findMany({ where: { id: { in: ids(s.applicationIds) } }, orderBy: { name: 'asc' }, select: { id: true, name: true } }) : [],
    ids(s.entitlementIds).length
      ? db.entitlement.findMany({ where: { id: { in: ids(s.entitlementIds) } }, orderBy: { name: 'asc' }, select: { id: true, name: true, application: { select: { name: true } } } })
      : [],
    ids(s.roleIds).length ? db.role.findMany({ where: { id: { in: ids(s.roleIds) } }, orderBy: { name: 'asc' }, select: { id: true, name: true } }) : [],
  ]);
  const directReports = s.directReports === true;
  const highRiskOnly = s.highRiskOnly === true;
  const notReviewedInDays = typeof s.notReviewedInDays === 'number' && s.notReviewedInDays > 0 ? s.notReviewedInDays : null;
  const picked = [
    ...applications.map((a) => `everything in ${a.name}`),
    ...entitlements.map((e) => `${e.name} (${e.application.name})`),
    ...roles.map((r) => `the role ${r.name}`),
  ];
  const words = [
    picked.length ? picked.join(', ') : directReports ? "every manager's direct reports' access" : 'all access',
    ...(picked.length && directReports ? ["held by every manager's direct reports"] : []),
    ...(highRiskOnly ? ['high-risk access only'] : []),
    ...(notReviewedInDays ? [`not reviewed in the last ${notReviewedInDays} days`] : []),
  ];
  return {
    applications,
    entitlements: entitlements.map((e) => ({ id: e.id, name: e.name, applicationName: e.application.name })),
    roles,
    directReports,
    highRiskOnly,
    notReviewedInDays,
    words: capitalize(words.join('; ')),
  };
}

export type TCampaignScopeWords = Awaited<ReturnType<typeof describeCampaignScope>>;
