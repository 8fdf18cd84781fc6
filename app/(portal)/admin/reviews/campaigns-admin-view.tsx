'use client';

import { useCan } from '../../../_components/use-can.ts';
import { PageHeader } from '../../../_components/ui/card.tsx';
import { CampaignsTable } from '../../reports/reviews/_components/campaigns-table.tsx';
import { MoverSettingsForm } from './_components/mover-settings-form.tsx';
import { LinkButton } from '@/app/_components/ui/button.tsx';

/** The identity team's campaigns, a way to create one, and what happens after a move. */
export function CampaignsAdminView() {
  const canManage = useCan('reviews.manage');
  return (
    <>
      <PageHeader
        title="Access reviews"
        description="Certification campaigns: what to review, who reviews it, by when. Reviewers decide in their queue; revocations go through provisioning."
        actions={canManage ? <LinkButton href="/admin/reviews/new">New campaign</LinkButton> : null}
      />
      <CampaignsTable
        hrefOf={(id) => `/admin/reviews/${id}`}
        empty="No campaign yet. Create one to start reviewing access."
      />
      {canManage ? <MoverSettingsForm /> : null}
    </>
  );
}
