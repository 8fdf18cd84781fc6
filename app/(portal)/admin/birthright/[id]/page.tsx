import type { Metadata } from 'next';
import { RuleView } from '../rule-view.tsx';

export const metadata: Metadata = { title: 'Birthright rule' };

export default async function RulePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <RuleView id={id} />;
}
