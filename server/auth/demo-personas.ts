import type { TDb } from '@/server/db/client.ts';

/**
 * The demo organisation's personas offered on the sign-in page (demo sign-in only: see demo-mode.ts).
 * The seed creates these people; the sign-in page lists those that exist and are active.
 */
export const DEMO_PERSONAS: Array<{
  username: string;
  blurb: string;
  group: 'Employees' | 'Managers' | 'Identity team' | 'Security' | 'Auditors';
}> = [
  {
    username: 'alice',
    blurb: 'Finance analyst. Requests access for the month-end close.',
    group: 'Employees',
  },
  { username: 'bob', blurb: 'Software engineer. Needs deploy rights now and then.', group: 'Employees' },
  {
    username: 'mark',
    blurb: 'Finance manager, Alice’s manager. Approves his team’s requests.',
    group: 'Managers',
  },
  { username: 'diego', blurb: 'Engineering manager with six reports.', group: 'Managers' },
  {
    username: 'ivy',
    blurb: 'Identity engineer. Runs applications, rules and provisioning.',
    group: 'Identity team',
  },
  {
    username: 'sam',
    blurb: 'Security officer. Reviews SoD violations and signs off mitigations.',
    group: 'Security',
  },
  { username: 'audrey', blurb: 'Internal auditor. Reports on who has what and why.', group: 'Auditors' },
];

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
