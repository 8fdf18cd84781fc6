import { describe, expect, it } from 'vitest';
import { parseRequestNumber, requestNumber } from '@/server/shared/request-number.ts';

const id = '3f9a01bc-7d2e-4c1a-9b3f-0123456789ab';

describe('request numbers', () => {
  it('names a request by the first eight hex digits of its id', () => {
    expect(requestNumber(id)).toBe('REQ-3F9A01BC');
  });

  it.each([
    ['REQ-3F9A01BC', '3f9a01bc-0000-0000-0000-000000000000', '3f9a01bc-ffff-ffff-ffff-ffffffffffff'],
    ['req-3f9a01bc', '3f9a01bc-0000-0000-0000-000000000000', '3f9a01bc-ffff-ffff-ffff-ffffffffffff'],
    ['  #3f9a01bc ', '3f9a01bc-0000-0000-0000-000000000000', '3f9a01bc-ffff-ffff-ffff-ffffffffffff'],
    ['REQ3F9A', '3f9a0000-0000-0000-0000-000000000000', '3f9affff-ffff-ffff-ffff-ffffffffffff'],
    ['3f9a01bc-7d2e', '3f9a01bc-7d2e-0000-0000-000000000000', '3f9a01bc-7d2e-ffff-ffff-ffffffffffff'],
    [id, id, id],
  ])('reads %j as the ids it names', (text, gte, lte) => {
    expect(parseRequestNumber(text)).toEqual({ gte, lte });
  });

  it('includes the id it was made from', () => {
    const range = parseRequestNumber(requestNumber(id))!;
    expect(range.gte <= id && id <= range.lte).toBe(true);
  });

  it.each(['', 'REQ-', '3f9', 'REQ-3F9G01BC', 'alice', `${id}0`])('refuses %j', (text) => {
    expect(parseRequestNumber(text)).toBeNull();
  });
});
