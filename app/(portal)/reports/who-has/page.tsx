import type { Metadata } from 'next';
import { Suspense } from 'react';
import { WhoHasView } from './who-has-view.tsx';

export const metadata: Metadata = { title: 'Who has access' };

export default function WhoHasPage() {
  return (
    <Suspense>
      <WhoHasView />
    </Suspense>
  );
}
