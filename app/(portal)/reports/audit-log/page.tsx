import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Spinner } from '../../../_components/ui/card.tsx';
import { AuditLogView } from './audit-log-view.tsx';

export const metadata: Metadata = { title: 'Audit log' };

export default function AuditLogPage() {
  return (
    <Suspense fallback={<Spinner label="Loading the audit log" />}>
      <AuditLogView />
    </Suspense>
  );
}
