import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PersonAccessView } from './person-access-view.tsx';

export const metadata: Metadata = { title: 'What a person has' };

export default function PersonAccessPage() {
  return (
    <Suspense>
      <PersonAccessView />
    </Suspense>
  );
}
