import { describe, expect, it } from 'vitest';
import { groupsFromClaims, parseRoleGroups, rolesFromGroups } from './portal-role-groups.ts';

describe('portal roles from IdP groups', () => {
  it('reads the mapping, several groups to a role', () => {
    expect(parseRoleGroups(' IDENTITY_ADMIN = idm-team ; AUDITOR=internal-audit, sox ;')).toEqual({
      IDENTITY_ADMIN: ['idm-team'],
      AUDITOR: ['internal-audit', 'sox'],
    });
  });

  it.each([
    ['ADMIN=idm-team', /"ADMIN" is not a portal role/],
    ['AUDITOR=', /AUDITOR names no group/],
    ['AUDITOR', /AUDITOR names no group/],
  ])('refuses %s', (text, message) => {
    expect(() => parseRoleGroups(text)).toThrow(message);
  });

  it.each([
    [{ groups: ['sox', 'everyone'] }, ['sox', 'everyone']],
    [{ groups: 'sox' }, ['sox']],
    [{ groups: [1, 'sox', null] }, ['sox']],
    [{}, []],
  ])('reads the groups claim %j', (claims, groups) => {
    expect(groupsFromClaims(claims, 'groups')).toEqual(groups);
  });

  it('grants the mapped roles of the groups held, and names every role it manages', () => {
    const map = parseRoleGroups('IDENTITY_ADMIN=idm-team;AUDITOR=internal-audit,sox');
    expect(rolesFromGroups(['sox', 'everyone'], map)).toEqual({
      managed: ['IDENTITY_ADMIN', 'AUDITOR'],
      granted: ['AUDITOR'],
    });
    expect(rolesFromGroups(['IDM-TEAM'], map).granted).toEqual([]);
    expect(rolesFromGroups([], {})).toEqual({ managed: [], granted: [] });
  });
});
