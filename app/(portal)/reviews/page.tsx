import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ReviewQueue } from './review-queue.tsx';

export const metadata: Metadata = { title: 'Access reviews' };

export default function ReviewsPage() {
  return (
    <Suspense>
      <ReviewQueue />
    </Suspense>
  );
}
