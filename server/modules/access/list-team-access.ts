import type { TUserActor } from '@/server/auth/actor.ts';
import type { TDb } from '@/server/db/client.ts';
import { listMyReports } from '@/server/modules/identities/list-my-reports.ts';
import { listAccessOf } from './list-access.ts';

/** A manager's view of their direct reports and what each holds. */
export async function listTeamAccess(db: TDb, actor: TUserActor) {
  const reports = await listMyReports(db, actor);
  return Promise.all(reports.map(async (person) => ({ person, access: await listAccessOf(db, person.id) })));
}
