'use client';

import { PageHeader } from '../../../_components/ui/card.tsx';
import { GuardSettingsForm } from './guard-settings-form.tsx';
import { HeldDeactivations } from './held-deactivations.tsx';

/** The guard's setting and what it holds now from SCIM (docs/decisions/065). */
export function MassChangeView() {
  return (
    <>
      <PageHeader
        title="Mass-change guard"
        description="Changes that would take access from many people at once wait for the identity team: role, birthright-rule and mapping edits ask for a confirmation, and a burst of SCIM deactivations is held here."
      />
      <div className="grid min-w-0 gap-6">
        <HeldDeactivations />
        <GuardSettingsForm />
      </div>
    </>
  );
}
