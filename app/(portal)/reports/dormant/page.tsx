import type { Metadata } from 'next';
import { Suspense } from 'react';
import { DormantView } from './dormant-view.tsx';

export const metadata: Metadata = { title: 'Dormant access' };

export default function DormantPage() {
  return (
    <Suspense>
      <DormantView />
    </Suspense>
  );
}
