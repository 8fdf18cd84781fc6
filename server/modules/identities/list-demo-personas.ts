import type { TDb } from '@/server/db/client.ts';
import { DEMO_PERSONAS } from '@/server/seed/acme.ts';

/** The demo personas that exist in this database, with their role group, for the sign-in page. */
export async function listDemoPersonas(db: TDb) {
  const people = await db.identity.findMany({
    where: { username: { in: DEMO_PERSONAS.map((p) => p.username) }, status: 'ACTIVE' },
    select: { username: true, displayName: true, title: true },
  });
  return DEMO_PERSONAS.flatMap((p) => {
    const person = people.find((x) => x.username === p.username);
    return person ? [{ ...p, displayName: person.displayName, title: person.title }] : [];
  });
}
