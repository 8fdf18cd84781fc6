import type { Metadata } from 'next';
import { ViolationsView } from './violations-view.tsx';

export const metadata: Metadata = { title: 'SoD violations' };

export default function SodViolationsPage() {
  return <ViolationsView />;
}
