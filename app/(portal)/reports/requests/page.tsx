import type { Metadata } from 'next';
import { Suspense } from 'react';
import { RequestsReportView } from './requests-report-view.tsx';

export const metadata: Metadata = { title: 'All requests' };

export default function RequestsReportPage() {
  return (
    <Suspense>
      <RequestsReportView />
    </Suspense>
  );
}
