'use client';

import Link from 'next/link';
import { useCan } from '../../../_components/use-can.ts';
import { PageHeader } from '../../../_components/ui/card.tsx';
import { CampaignsTable } from '../../reports/reviews/_components/campaigns-table.tsx';
import { MoverSettingsForm } from './_components/mover-settings-form.tsx';

const linkButton =
  'inline-flex items-center rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-xs hover:bg-brand-700';

/** The identity team's campaigns, a way to create one, and what happens after a move. */
export function CampaignsAdminView() {
  const canManage = useCan('reviews.manage');
  return (
    <>
      <PageHeader
        title="Access reviews"
        description="Certification campaigns: what to review, who reviews it, by when. Reviewers decide in their queue; revocations go through provisioning."
        actions={
          canManage ? (
            <Link href="/admin/reviews/new" className={linkButton}>
              New campaign
            </Link>
          ) : null
        }
      />
      <CampaignsTable
        hrefOf={(id) => `/admin/reviews/${id}`}
        empty="No campaign yet. Create one to start reviewing access."
      />
      {canManage ? <MoverSettingsForm /> : null}
    </>
  );
}
