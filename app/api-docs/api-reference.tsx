'use client';

import dynamic from 'next/dynamic';
import { Spinner } from '../_components/ui/card.tsx';

const ScalarReference = dynamic(() => import('./scalar-reference.tsx'), {
  ssr: false,
  loading: () => <Spinner label="Loading the API reference" />,
});

/**
 * Scalar's browsable reference, bundled with the portal (no CDN: the CSP allows only our own
 * scripts), reading the OpenAPI document the API generates from its procedures' schemas.
 */
export function ApiReference() {
  return (
    <main className="min-w-0">
      <ScalarReference />
    </main>
  );
}
