'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { Notice, PageHeader } from './ui/card.tsx';
import { isCurrent } from './nav-link.tsx';

/**
 * Shows an area's page only when the person may open the section it belongs to. A section is named by
 * the server (SectionArea passes the hrefs of the sections whose permission the person lacks), so a
 * link or a typed address to one of those shows why instead of a page shell whose every call is
 * refused. The page's own procedures still check on the server.
 */
export function SectionGate({
  closed,
  open,
  home,
  children,
}: {
  /** Sections of the area the person may not open. */
  closed: string[];
  /** Sections they may: a closed section nested under an open one still wins (longest match). */
  open: string[];
  home: { href: string; label: string };
  children: React.ReactNode;
}) {
  const pathname = usePathname();
  const longest = (hrefs: string[]) =>
    Math.max(-1, ...hrefs.filter((h) => isCurrent(pathname, h)).map((h) => h.length));
  if (longest(closed) <= longest(open)) return <>{children}</>;
  return (
    <>
      <PageHeader title="Not available to you" />
      <Notice tone="error">
        This page is not available to you: your portal roles do not include what it needs. Ask the identity
        team if you should have it.
      </Notice>
      <p className="mt-4 text-sm">
        <Link href={home.href} className="font-medium text-brand-700 hover:underline">
          {home.label}
        </Link>
      </p>
    </>
  );
}
