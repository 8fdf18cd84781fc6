'use client';

import { useCan } from '../../../_components/use-can.ts';
import { ReconciliationRuns } from './reconciliation-runs.tsx';
import { ReconciliationSettingsForm } from './reconciliation-settings-form.tsx';

/** An application's reconciliation: its runs (and "reconcile now"), and its settings. */
export function ReconciliationTab({ applicationId }: { applicationId: string }) {
  const canManage = useCan('reconciliation.manage');
  return (
    <>
      <ReconciliationRuns applicationId={applicationId} canManage={canManage} />
      <ReconciliationSettingsForm applicationId={applicationId} canManage={canManage} />
    </>
  );
}
