import type { Metadata } from 'next';
import { ApplicationView } from '../application-view.tsx';

export const metadata: Metadata = { title: 'New application' };

export default function NewApplicationPage() {
  return <ApplicationView id={null} />;
}
