import { describe, expect, it } from 'vitest';
import type { TPortalRoleName, TUserActor } from './actor.ts';
import { permissionsOf } from './permissions.ts';

const actorWith = (...roles: TPortalRoleName[]) =>
  ({ kind: 'USER', roles: new Set(roles) }) as unknown as TUserActor;

describe('permissionsOf: what the browser is told a person may do', () => {
  it('gives an auditor the reports and the audit log, read-only', () => {
    const p = permissionsOf(actorWith('EMPLOYEE', 'AUDITOR'));
    expect(p).toEqual(
      expect.arrayContaining(['reports.read', 'audit.read', 'access.readAll', 'catalog.read']),
    );
    expect(p).not.toContain('admin.catalog.manage');
    expect(p).not.toContain('access.revokeAny');
  });

  it('gives an employee none of the admin or report permissions', () => {
    const p = permissionsOf(actorWith('EMPLOYEE'));
    expect(p).toContain('request.create');
    expect(
      p.filter((x) => x.startsWith('admin.') || x.startsWith('reports.') || x.startsWith('audit.')),
    ).toEqual([]);
    expect(p).not.toContain('team.view');
  });

  it('gives a manager their team pages', () => {
    expect(permissionsOf(actorWith('EMPLOYEE', 'MANAGER'))).toEqual(
      expect.arrayContaining(['team.view', 'access.readTeam', 'request.createForReport']),
    );
  });
});
