import type { Metadata } from 'next';
import { Suspense } from 'react';
import { LeaversView } from './leavers-view.tsx';

export const metadata: Metadata = { title: 'Leavers with access' };

export default function LeaversPage() {
  return (
    <Suspense>
      <LeaversView />
    </Suspense>
  );
}
