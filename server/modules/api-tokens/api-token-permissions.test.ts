import { describe, expect, it } from 'vitest';
import type { TPortalRoleName, TUserActor } from '@/server/auth/actor.ts';
import { hasPermission, type TPermission } from '@/server/auth/permissions.ts';
import { isAppError } from '@/server/lib/app-error.ts';
import { checkTokenPermissions, grantablePermissionsOf } from './api-token-permissions.ts';
import { looksLikeApiToken, generateApiTokenSecret, hashApiToken } from './api-token-secret.ts';

const person = (...roles: TPortalRoleName[]): TUserActor => ({
  kind: 'USER',
  identityId: 'p',
  username: 'p',
  displayName: 'Pat',
  roles: new Set(['EMPLOYEE', ...roles]),
});
const viaToken = (actor: TUserActor, permissions: TPermission[]): TUserActor => ({
  ...actor,
  apiToken: { id: 't', permissions: new Set(permissions) },
});

describe('a token’s permissions', () => {
  it.each([
    { who: 'an employee', actor: person(), asked: ['catalog.read'], ok: true },
    { who: 'an employee', actor: person(), asked: ['reports.read'], ok: false },
    { who: 'an auditor', actor: person('AUDITOR'), asked: ['reports.read', 'audit.read'], ok: true },
    { who: 'an admin', actor: person('IDENTITY_ADMIN'), asked: ['admin.portalRoles.manage'], ok: false },
    { who: 'an admin', actor: person('IDENTITY_ADMIN'), asked: ['admin.serviceAccounts.manage'], ok: false },
    { who: 'anyone', actor: person(), asked: ['apiTokens.manageOwn'], ok: false },
    { who: 'anyone', actor: person(), asked: ['toString'], ok: false },
    { who: 'anyone', actor: person(), asked: [], ok: false },
  ])('$who asking for $asked: $ok', ({ actor, asked, ok }) => {
    const result = (() => {
      try {
        return checkTokenPermissions(actor, asked);
      } catch (error) {
        return isAppError(error) ? error.code : error;
      }
    })();
    expect(Array.isArray(result)).toBe(ok);
    if (!ok) expect(result).toBe('INVALID_INPUT');
  });

  it('is what both the roles and the subset grant', () => {
    const auditor = viaToken(person('AUDITOR'), ['reports.read', 'admin.teams.manage']);
    expect(hasPermission(auditor, 'reports.read')).toBe(true);
    expect(hasPermission(auditor, 'audit.read')).toBe(false); // the role has it, the token does not
    expect(hasPermission(auditor, 'admin.teams.manage')).toBe(false); // the token has it, the role does not
    expect(grantablePermissionsOf(person())).not.toContain('apiTokens.manageOwn');
  });
});

describe('a token’s secret', () => {
  it('carries its kind in a recognisable prefix and 256 random bits', () => {
    const a = generateApiTokenSecret('PERSONAL');
    const b = generateApiTokenSecret('SERVICE');
    expect(a.token).toMatch(/^gh_pat_[\w-]{43}$/);
    expect(b.token).toMatch(/^gh_sat_[\w-]{43}$/);
    expect(a.tokenHash).toBe(hashApiToken(a.token));
    expect(a.prefix).toBe(a.token.slice(0, 12));
    expect([
      looksLikeApiToken(a.token),
      looksLikeApiToken('gh_scim_x'),
      looksLikeApiToken(`gh_pat_${'x'.repeat(300)}`),
    ]).toEqual([true, false, false]);
  });
});
