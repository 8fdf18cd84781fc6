import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ChartsView } from './charts-view.tsx';

export const metadata: Metadata = { title: 'Charts' };

export default function ChartsPage() {
  return (
    <Suspense>
      <ChartsView />
    </Suspense>
  );
}
