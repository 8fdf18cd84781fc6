import { describe, expect, it } from 'vitest';
import { ZSourceConfig } from './source-config.ts';
import { mapSourceRow, parseSourceDate } from './source-row.ts';

const config = ZSourceConfig.parse({
  columns: {
    employeeNumber: 'emp_no',
    firstName: 'first_name',
    lastName: 'last_name',
    startDate: 'start',
    employmentType: 'type',
    managerEmployeeNumber: 'manager',
  },
  dateFormat: 'DD/MM/YYYY',
});
const row = (values: Record<string, string | null>) => ({
  row: 7,
  values: { emp_no: 'E1', first_name: 'Jo', last_name: 'Lee', ...values },
});

describe('HR rows', () => {
  it('maps columns to a record; a missing column says nothing, an empty cell says "no value"', () => {
    const { record, issues } = mapSourceRow(
      row({ start: '05/01/2026', type: 'Full-time', manager: '', department: 'Finance' }),
      config,
    );
    expect(issues).toEqual([]);
    expect(record).toEqual({
      externalId: 'E1',
      employeeNumber: 'E1',
      firstName: 'Jo',
      lastName: 'Lee',
      department: 'Finance',
      startDate: new Date('2026-01-05T00:00:00Z'),
      employmentType: 'EMPLOYEE',
      managerEmployeeNumber: null,
    });
    expect(record).not.toHaveProperty('title');
  });

  it.each([
    ['a missing required field', { first_name: '' }, 'MISSING_REQUIRED', 'firstName'],
    ['a bad date', { start: '31/02/2026' }, 'BAD_DATE', 'startDate'],
    ['a date in another format', { start: '2026-01-05' }, 'BAD_DATE', 'startDate'],
    ['an unknown employment type', { type: 'Wizard' }, 'BAD_VALUE', 'employmentType'],
    ['a bad email', { email: 'not-an-email' }, 'BAD_VALUE', 'email'],
    ['a status nobody knows', { status: 'maybe' }, 'BAD_VALUE', 'status'],
    ['a NUL character (PostgreSQL cannot store it)', { last_name: 'Le\u0000e' }, 'BAD_VALUE', 'lastName'],
    [
      'a NUL character in the identifier (one line, not two)',
      { emp_no: 'E\u00001' },
      'BAD_VALUE',
      'externalId',
    ],
    ['a line break inside a quoted name', { first_name: 'Jo\nAnn' }, 'BAD_VALUE', 'firstName'],
    [
      'a control character in a field with no other check',
      { department: 'Fin\u001bance' },
      'BAD_VALUE',
      'department',
    ],
    ['a value too long for any index', { email: `${'a'.repeat(3_000)}@acme.test` }, 'BAD_VALUE', 'email'],
  ])('reports %s as fatal', (_n, values, code, field) => {
    const { record, issues } = mapSourceRow(row(values), config);
    expect(record).toBeNull();
    expect(issues).toMatchObject([{ row: 7, code, field, fatal: true }]);
  });

  it('understands the usual ways of saying status and active', () => {
    expect(mapSourceRow(row({ status: 'Terminated' }), config).record?.status).toBe('TERMINATED');
    expect(mapSourceRow(row({ status: 'pre-hire' }), config).record?.status).toBe('PREHIRE');
    expect(mapSourceRow(row({ active: 'no' }), config).record?.active).toBe(false);
  });

  it.each([
    ['2026-02-28', 'YYYY-MM-DD', '2026-02-28'],
    ['2024-02-29', 'YYYY-MM-DD', '2024-02-29'],
    ['2026-02-29', 'YYYY-MM-DD', null],
    ['12/31/2026', 'MM/DD/YYYY', '2026-12-31'],
    ['31.12.2026', 'DD.MM.YYYY', '2026-12-31'],
    ['31/12/26', 'DD/MM/YYYY', null],
  ] as const)('parses %s as %s', (text, format, expected) => {
    expect(parseSourceDate(text, format)?.toISOString().slice(0, 10) ?? null).toBe(expected);
  });
});
