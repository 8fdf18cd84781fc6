import type { Metadata } from 'next';
import { Suspense } from 'react';
import { SodViolationsReportView } from './sod-violations-report-view.tsx';

export const metadata: Metadata = { title: 'SoD violations report' };

export default function SodViolationsReportPage() {
  return (
    <Suspense>
      <SodViolationsReportView />
    </Suspense>
  );
}
