import type { TUserActor } from '@/server/auth/actor.ts';
import type { TDb } from '@/server/db/client.ts';
import { listMyReports } from '@/server/modules/identities/index.ts';
import { listAccessOfMany } from './list-access.ts';

/** A manager's view of their direct reports and what each holds: the same queries for 2 reports or 200. */
export async function listTeamAccess(db: TDb, actor: TUserActor) {
  const reports = await listMyReports(db, actor);
  const access = await listAccessOfMany(
    db,
    reports.map((p) => p.id),
  );
  return reports.map((person) => ({ person, access: access.get(person.id)! }));
}
