import type { Metadata } from 'next';
import { SodRulesView } from './sod-rules-view.tsx';

export const metadata: Metadata = { title: 'Segregation of duties rules' };

export default function SodRulesPage() {
  return <SodRulesView />;
}
