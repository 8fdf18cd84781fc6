import Link from 'next/link';
import type { ButtonHTMLAttributes } from 'react';

type TVariant = 'primary' | 'secondary' | 'danger' | 'destructive' | 'ghost';

const VARIANTS: Record<TVariant, string> = {
  primary: 'bg-brand-600 text-white hover:bg-brand-700 disabled:bg-brand-600/50',
  secondary:
    'bg-white text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 disabled:text-slate-400',
  danger: 'bg-white text-red-700 ring-1 ring-inset ring-red-300 hover:bg-red-50 disabled:text-red-300',
  /** The button that does the destructive thing, in a ConfirmDialog: solid, so it reads as the act itself. */
  destructive: 'bg-red-700 text-white hover:bg-red-800 disabled:bg-red-700/50',
  ghost: 'text-slate-700 hover:bg-slate-100',
};

/**
 * A button's look, for a link that acts as one (a page's "New …", a download): the same classes as
 * Button, so the two never drift apart.
 */
export function buttonClass(variant: TVariant = 'primary', size: 'sm' | 'md' = 'md') {
  const sizing = size === 'sm' ? 'px-2.5 py-1.5 text-sm' : 'px-3.5 py-2 text-sm';
  return `inline-flex items-center justify-center gap-1.5 rounded-md font-medium shadow-xs transition-colors disabled:cursor-not-allowed ${sizing} ${VARIANTS[variant]}`;
}

export function Button({
  variant = 'primary',
  size = 'md',
  className = '',
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: TVariant; size?: 'sm' | 'md' }) {
  return <button type="button" className={`${buttonClass(variant, size)} ${className}`} {...props} />;
}

/** A link to another page that looks like a primary button (a page's "New application"). */
export function LinkButton({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <Link href={href} className={buttonClass()}>
      {children}
    </Link>
  );
}
