import type { Metadata } from 'next';
import { RuleEditor } from '../rule-editor.tsx';

export const metadata: Metadata = { title: 'New birthright rule' };

export default function NewRulePage() {
  return <RuleEditor rule={null} />;
}
