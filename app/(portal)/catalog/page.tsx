import type { Metadata } from 'next';
import { Suspense } from 'react';
import { SentAway } from '../../_components/sent-away.tsx';
import { CatalogView } from './catalog-view.tsx';

export const metadata: Metadata = { title: 'Catalog' };

export default function CatalogPage() {
  return (
    <>
      <Suspense>
        <SentAway />
      </Suspense>
      <CatalogView />
    </>
  );
}
