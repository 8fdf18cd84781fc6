import type { Metadata } from 'next';
import { SlackSettingsView } from './slack-settings-view.tsx';

export const metadata: Metadata = { title: 'Slack' };

export default function SlackSettingsPage() {
  return <SlackSettingsView />;
}
