import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getCurrentActor } from '@/server/auth/current-actor.ts';
import { hasPermission } from '@/server/auth/permissions.ts';
import { TeamView } from './team-view.tsx';

export const metadata: Metadata = { title: 'My team' };

export default async function TeamPage() {
  const actor = await getCurrentActor();
  if (!actor || !hasPermission(actor, 'team.view')) redirect('/catalog?denied=team');
  return <TeamView />;
}
