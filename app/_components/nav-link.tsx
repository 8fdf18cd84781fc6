import Link from 'next/link';

/** A link of the main navigation, with how many things wait there. */
export type TNavLink = { href: string; label: string; count?: number };

export function isCurrent(pathname: string, href: string) {
  return pathname === href || pathname.startsWith(`${href}/`);
}

export function NavLink({
  link,
  pathname,
  onNavigate,
  block = false,
}: {
  link: TNavLink;
  pathname: string;
  onNavigate?: () => void;
  block?: boolean;
}) {
  const active = isCurrent(pathname, link.href);
  return (
    <Link
      href={link.href}
      onClick={onNavigate}
      aria-current={active ? 'page' : undefined}
      className={`flex shrink-0 items-center gap-1.5 rounded-md text-sm font-medium ${block ? 'justify-between px-3 py-2.5' : 'px-2 py-1.5'} ${
        active ? 'bg-brand-50 text-brand-700' : 'text-slate-700 hover:bg-slate-100 hover:text-slate-900'
      }`}
    >
      {link.label}
      {link.count ? (
        <span className="rounded-full bg-brand-600 px-1.5 text-xs text-white">
          {link.count}
          <span className="sr-only"> waiting</span>
        </span>
      ) : null}
    </Link>
  );
}
