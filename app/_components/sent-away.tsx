'use client';

import { useSearchParams } from 'next/navigation';
import { Notice } from './ui/card.tsx';

/** Areas a person can be sent away from; `?denied=<area>` on the page they land on names it. */
export type TArea = 'admin' | 'reports' | 'team';

const WHY: Record<TArea, string> = {
  admin: 'You need the identity team’s access to open Administration, so you were brought to the catalog.',
  reports: 'Reports are for auditors and the identity team, so you were brought to the catalog.',
  team: 'My team is for people who manage someone, so you were brought to the catalog.',
};

/** Tells a person sent away from a page they may not open why they landed here. */
export function SentAway() {
  const denied = useSearchParams().get('denied');
  const why = denied && Object.hasOwn(WHY, denied) ? WHY[denied as TArea] : null;
  if (!why) return null;
  return (
    <div className="mb-5" role="status">
      <Notice tone="error">{why}</Notice>
    </div>
  );
}
