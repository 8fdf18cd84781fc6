import { redirect } from 'next/navigation';
import { getCurrentActor } from '@/server/auth/current-actor.ts';
import { AdminNav } from './admin-nav.tsx';
import { ADMIN_SECTIONS } from './sections.ts';

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const actor = await getCurrentActor();
  const sections = ADMIN_SECTIONS.filter((s) => s.roles.some((r) => actor?.roles.has(r as never)));
  if (!actor || sections.length === 0) redirect('/catalog');
  return (
    <div className="grid gap-8 md:grid-cols-[12rem_minmax(0,1fr)]">
      <AdminNav sections={sections} />
      <div className="min-w-0">{children}</div>
    </div>
  );
}
