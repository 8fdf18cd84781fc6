import type { Metadata } from 'next';
import { ApplicationsList } from './applications-list.tsx';

export const metadata: Metadata = { title: 'Applications' };

export default function ApplicationsPage() {
  return <ApplicationsList />;
}
