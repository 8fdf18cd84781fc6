import type { Metadata } from 'next';
import { Suspense } from 'react';
import { RequestsView } from './requests-view.tsx';

export const metadata: Metadata = { title: 'My requests' };

export default function RequestsPage() {
  return (
    <Suspense>
      <RequestsView />
    </Suspense>
  );
}
