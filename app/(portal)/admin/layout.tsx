import { redirect } from 'next/navigation';
import { getCurrentActor } from '@/server/auth/current-actor.ts';
import { hasPermission } from '@/server/auth/permissions.ts';
import { SectionNav } from '../../_components/section-nav.tsx';
import { ADMIN_SECTIONS } from './sections.ts';

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const actor = await getCurrentActor();
  const sections = actor ? ADMIN_SECTIONS.filter((s) => hasPermission(actor, s.permission)) : [];
  if (!actor || sections.length === 0) redirect('/catalog');
  return (
    <div className="grid gap-8 md:grid-cols-[12rem_minmax(0,1fr)]">
      <SectionNav label="Administration" sections={sections.map(({ href, label, group }) => ({ href, label, group }))} />
      <div className="min-w-0">{children}</div>
    </div>
  );
}
