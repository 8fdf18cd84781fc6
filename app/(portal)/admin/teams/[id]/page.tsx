import type { Metadata } from 'next';
import { TeamView } from '../team-view.tsx';

export const metadata: Metadata = { title: 'Team' };

export default async function TeamPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <TeamView id={id} />;
}
