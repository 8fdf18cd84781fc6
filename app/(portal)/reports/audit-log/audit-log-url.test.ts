import { describe, expect, it } from 'vitest';
import { auditLogQuery, readAuditLogFilters } from './audit-log-url.ts';

describe('the audit log URL', () => {
  it('reads the filters it knows, drops empty and unknown ones, and writes them back in a fixed order', () => {
    const filters = readAuditLogFilters(
      new URLSearchParams('to=2026-12-31&utm=x&action=requests&actor=&from=2026-12-01&q=%20signed%20'),
    );
    expect(filters).toEqual({ to: '2026-12-31', action: 'requests', from: '2026-12-01', q: 'signed' });
    expect(auditLogQuery(filters)).toBe('action=requests&from=2026-12-01&to=2026-12-31&q=signed');
    expect(auditLogQuery({})).toBe('');
  });
});
