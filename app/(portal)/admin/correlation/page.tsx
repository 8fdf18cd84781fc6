import type { Metadata } from 'next';
import { CorrelationQueue } from './correlation-queue.tsx';

export const metadata: Metadata = { title: 'Correlation queue' };

export default function CorrelationPage() {
  return <CorrelationQueue />;
}
