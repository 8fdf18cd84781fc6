import type { Metadata } from 'next';
import { CatalogView } from './catalog-view.tsx';

export const metadata: Metadata = { title: 'Catalog' };

export default function CatalogPage() {
  return <CatalogView />;
}
