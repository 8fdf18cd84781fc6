import type { Metadata } from 'next';
import { TasksView } from './tasks-view.tsx';

export const metadata: Metadata = { title: 'Tasks' };

export default function TasksPage() {
  return <TasksView />;
}
