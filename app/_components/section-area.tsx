import { redirect } from 'next/navigation';
import { getCurrentActor } from '@/server/auth/current-actor.ts';
import { hasPermission, type TPermission } from '@/server/auth/permissions.ts';
import { SectionNav, type TSection } from './section-nav.tsx';

/** A section of an area (administration, reports) and the permission that shows it. */
export type TPermittedSection = TSection & { permission: TPermission };

/** The sections the signed-in person may open; sends them to the catalog when there are none. */
async function visibleSections(sections: readonly TPermittedSection[]): Promise<TPermittedSection[]> {
  const actor = await getCurrentActor();
  const visible = actor ? sections.filter((s) => hasPermission(actor, s.permission)) : [];
  if (visible.length === 0) redirect('/catalog');
  return visible;
}

/**
 * An area's layout: its side navigation (only the sections the person may open; the pages and their
 * procedures check again) beside the page. Printing shows the page alone.
 */
export async function SectionArea({
  label,
  sections,
  children,
}: {
  label: string;
  sections: readonly TPermittedSection[];
  children: React.ReactNode;
}) {
  const visible = await visibleSections(sections);
  return (
    <div className="grid gap-8 md:grid-cols-[12rem_minmax(0,1fr)] print:block">
      <div className="print:hidden">
        <SectionNav
          label={label}
          sections={visible.map(({ href, label, group }) => ({ href, label, group }))}
        />
      </div>
      <div className="min-w-0">{children}</div>
    </div>
  );
}

/** An area's home page: the first section the person may open. */
export async function redirectToFirstSection(sections: readonly TPermittedSection[]): Promise<never> {
  const [first] = await visibleSections(sections);
  redirect(first!.href);
}
