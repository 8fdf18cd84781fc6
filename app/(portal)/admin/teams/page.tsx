import type { Metadata } from 'next';
import { TeamsList } from './teams-list.tsx';

export const metadata: Metadata = { title: 'Teams' };

export default function TeamsPage() {
  return <TeamsList />;
}
