/**
 * LDAP GeneralizedTime (RFC 4517 3.3.13, as slapd writes operational timestamps: 20261204113000Z or
 * with fractions, 20261204113000.123456Z) to ISO 8601, and back; null for what it cannot read.
 */
const GENERALIZED = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:[.,](\d+))?Z$/;

export function generalizedTimeToIso(value: string): string | null {
  const m = GENERALIZED.exec(value.trim());
  if (!m) return null;
  const ms = m[7] ? m[7].padEnd(3, '0').slice(0, 3) : '000';
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${ms}Z`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

/** An instant as GeneralizedTime, whole seconds (for `(modifyTimestamp>=…)` filters). */
export function isoToGeneralizedTime(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:T]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}
