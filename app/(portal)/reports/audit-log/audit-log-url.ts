/** The audit log's filters as they live in the page's query string (a link reproduces the page). */
export const AUDIT_LOG_FILTER_KEYS = [
  'actor',
  'subject',
  'action',
  'application',
  'entityType',
  'entityId',
  'from',
  'to',
  'q',
] as const;
export type TAuditLogFilterKey = (typeof AUDIT_LOG_FILTER_KEYS)[number];
export type TAuditLogUrlFilters = Partial<Record<TAuditLogFilterKey, string>>;

/** The filters a query string holds; unknown parameters and empty values are left out. */
export function readAuditLogFilters(params: { get: (key: string) => string | null }): TAuditLogUrlFilters {
  const out: TAuditLogUrlFilters = {};
  for (const key of AUDIT_LOG_FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) out[key] = value.slice(0, 200);
  }
  return out;
}

/** The query string for these filters, in a fixed order so the same filters make the same URL. */
export function auditLogQuery(filters: TAuditLogUrlFilters): string {
  const params = new URLSearchParams();
  for (const key of AUDIT_LOG_FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  return params.toString();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isId = (value: string | undefined): value is string => Boolean(value && UUID.test(value));
