import type { TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { ROLE_RISK_SELECT, roleRisk } from '@/server/lib/role-risk-query.ts';
import type { TAccessFilters } from './report-filters.ts';

/**
 * The names behind a report's filters, for its heading ("Who has Payroll in Corporate Directory").
 * An id that names nothing is the caller's mistake: NOT_FOUND, said plainly.
 */
export async function describeScope(
  db: TDb,
  f: Pick<TAccessFilters, 'entitlement' | 'role' | 'application' | 'person'>,
) {
  const [entitlement, role, application, person] = await Promise.all([
    f.entitlement
      ? db.entitlement.findUnique({
          where: { id: f.entitlement },
          select: { id: true, name: true, risk: true, application: { select: { id: true, name: true } } },
        })
      : null,
    f.role
      ? db.role
          .findUnique({ where: { id: f.role }, select: { id: true, name: true, ...ROLE_RISK_SELECT } })
          .then((r) => r && { id: r.id, name: r.name, risk: roleRisk(r) })
      : null,
    f.application
      ? db.application.findUnique({ where: { id: f.application }, select: { id: true, name: true } })
      : null,
    f.person ? describePerson(db, f.person) : null,
  ]);
  if (f.entitlement && !entitlement) throw new AppError('NOT_FOUND', 'No such entitlement');
  if (f.role && !role) throw new AppError('NOT_FOUND', 'No such role');
  if (f.application && !application) throw new AppError('NOT_FOUND', 'No such application');
  if (f.person && !person) throw new AppError('NOT_FOUND', 'No such person');
  return { entitlement, role, application, person };
}

/** A person as a report heads them: who, where, their status and, now, their accounts. */
export async function describePerson(db: TDb, id: string) {
  const person = await db.identity.findUnique({
    where: { id },
    select: {
      id: true,
      displayName: true,
      username: true,
      email: true,
      department: true,
      title: true,
      status: true,
      startDate: true,
      endDate: true,
      terminatedAt: true,
      manager: { select: { id: true, displayName: true } },
      accounts: {
        orderBy: { application: { name: 'asc' } },
        select: {
          id: true,
          username: true,
          nativeId: true,
          status: true,
          application: { select: { id: true, name: true } },
        },
      },
    },
  });
  return person;
}
