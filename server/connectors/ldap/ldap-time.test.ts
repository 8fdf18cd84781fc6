import { describe, expect, it } from 'vitest';
import { generalizedTimeToIso, isoToGeneralizedTime } from './ldap-time.ts';

describe('LDAP GeneralizedTime', () => {
  it.each([
    ['20261204113005Z', '2026-12-04T11:30:05.000Z'],
    ['20261204113005.123456Z', '2026-12-04T11:30:05.123Z'],
    ['20261204113005.5Z', '2026-12-04T11:30:05.500Z'],
    ['20261304113005Z', null],
    ['2026-12-04', null],
    ['', null],
  ])('%s reads as %s', (value, iso) => {
    expect(generalizedTimeToIso(value)).toBe(iso);
  });

  it('writes whole seconds', () => {
    expect(isoToGeneralizedTime(new Date('2026-12-04T11:30:05.987Z'))).toBe('20261204113005Z');
  });
});
