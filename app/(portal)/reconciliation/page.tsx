import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ReconciliationQueue } from './reconciliation-queue.tsx';

export const metadata: Metadata = { title: 'Reconciliation review' };

export default function ReconciliationPage() {
  return (
    <Suspense>
      <ReconciliationQueue />
    </Suspense>
  );
}
