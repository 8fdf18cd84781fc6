import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PrivilegedView } from './privileged-view.tsx';

export const metadata: Metadata = { title: 'Privileged access' };

export default function PrivilegedPage() {
  return (
    <Suspense>
      <PrivilegedView />
    </Suspense>
  );
}
