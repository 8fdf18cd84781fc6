import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ExpiringView } from './expiring-view.tsx';

export const metadata: Metadata = { title: 'Expiring access' };

export default function ExpiringPage() {
  return (
    <Suspense>
      <ExpiringView />
    </Suspense>
  );
}
