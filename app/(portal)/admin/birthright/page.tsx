import type { Metadata } from 'next';
import { RulesList } from './rules-list.tsx';

export const metadata: Metadata = { title: 'Birthright rules' };

export default function BirthrightPage() {
  return <RulesList />;
}
