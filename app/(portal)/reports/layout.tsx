import { redirect } from 'next/navigation';
import { getCurrentActor } from '@/server/auth/current-actor.ts';
import { hasPermission } from '@/server/auth/permissions.ts';
import { SectionNav } from '../../_components/section-nav.tsx';
import { REPORT_SECTIONS } from './sections.ts';

export default async function ReportsLayout({ children }: { children: React.ReactNode }) {
  const actor = await getCurrentActor();
  const sections = actor ? REPORT_SECTIONS.filter((s) => hasPermission(actor, s.permission)) : [];
  if (!actor || sections.length === 0) redirect('/catalog');
  return (
    <div className="grid gap-8 md:grid-cols-[12rem_minmax(0,1fr)] print:block">
      <div className="print:hidden">
        <SectionNav label="Reports" sections={sections.map(({ href, label, group }) => ({ href, label, group }))} />
      </div>
      <div className="min-w-0">{children}</div>
    </div>
  );
}
