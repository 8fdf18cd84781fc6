import type { Metadata } from 'next';
import { TeamView } from './team-view.tsx';

export const metadata: Metadata = { title: 'My team' };

export default function TeamPage() {
  return <TeamView />;
}
