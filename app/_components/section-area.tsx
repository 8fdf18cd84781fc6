import { redirect } from 'next/navigation';
import { getCurrentActor } from '@/server/auth/current-actor.ts';
import { hasPermission, type TPermission } from '@/server/auth/permissions.ts';
import { SectionGate } from './section-gate.tsx';
import { SectionNav, type TSection } from './section-nav.tsx';
import type { TArea } from './sent-away.tsx';

/** A section of an area (administration, reports) and the permission that shows it. */
export type TPermittedSection = TSection & { permission: TPermission };

/**
 * The sections the signed-in person may open; with none, sends them to the catalog with the area's
 * name, so the catalog says why they landed there (app/_components/sent-away.tsx).
 */
async function visibleSections(
  sections: readonly TPermittedSection[],
  area: TArea,
): Promise<TPermittedSection[]> {
  const actor = await getCurrentActor();
  const visible = actor ? sections.filter((s) => hasPermission(actor, s.permission)) : [];
  if (visible.length === 0) redirect(`/catalog?denied=${area}`);
  return visible;
}

/**
 * An area's layout: its side navigation (only the sections the person may open; the pages and their
 * procedures check again) beside the page, or, on a section they may not open, a page that says so
 * (section-gate.tsx). Printing shows the page alone.
 */
export async function SectionArea({
  area,
  label,
  sections,
  children,
}: {
  area: TArea;
  label: string;
  sections: readonly TPermittedSection[];
  children: React.ReactNode;
}) {
  const visible = await visibleSections(sections, area);
  const open = visible.map((s) => s.href);
  const closed = sections.map((s) => s.href).filter((href) => !open.includes(href));
  const first = visible[0]!;
  return (
    <div className="grid gap-8 md:grid-cols-[12rem_minmax(0,1fr)] print:block">
      <div className="print:hidden">
        <SectionNav
          label={label}
          sections={visible.map(({ href, label, group }) => ({ href, label, group }))}
        />
      </div>
      <div className="min-w-0">
        <SectionGate closed={closed} open={open} home={{ href: first.href, label: `Go to ${first.label}` }}>
          {children}
        </SectionGate>
      </div>
    </div>
  );
}

/** An area's home page: the first section the person may open. */
export async function redirectToFirstSection(
  sections: readonly TPermittedSection[],
  area: TArea,
): Promise<never> {
  const [first] = await visibleSections(sections, area);
  redirect(first!.href);
}
