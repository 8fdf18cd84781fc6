import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Page not found' };

/** Every unknown address, and every page that calls notFound() for something that does not exist. */
export default function NotFound() {
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-xl flex-col justify-center px-4 py-12">
      <p className="text-sm font-semibold text-brand-700">404</p>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight text-slate-900">There is no page here</h1>
      <p className="mt-2 text-sm text-slate-600">
        The address may be mistyped, or what it pointed to no longer exists. If a link in Gatehouse or in an
        email brought you here, tell the identity team.
      </p>
      <div className="mt-6 flex flex-wrap gap-3 text-sm">
        <Link
          href="/catalog"
          className="rounded-md bg-brand-600 px-3 py-2 font-medium text-white hover:bg-brand-700"
        >
          Go to the catalog
        </Link>
        <Link href="/access" className="rounded-md px-3 py-2 font-medium text-slate-700 hover:bg-slate-100">
          See my access
        </Link>
      </div>
    </main>
  );
}
