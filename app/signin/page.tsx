import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getCurrentActor } from '@/server/auth/current-actor.ts';
import { signInChoices } from '@/server/auth/sign-in-choices.ts';
import { SignInOptions } from './sign-in-options.tsx';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

const ERRORS: Record<string, string> = {
  NotProvisioned: 'Your sign-in worked, but Gatehouse does not know you yet. Ask the identity team.',
  CredentialsSignin: 'That persona cannot sign in.',
  AccessDenied: 'Sign-in was refused.',
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string; callbackUrl?: string }>;
}) {
  const params = await searchParams;
  if (await getCurrentActor()) redirect('/catalog');
  const { demo, personas, oidc } = await signInChoices(await headers());
  const callbackUrl = params.callbackUrl?.startsWith('/') ? params.callbackUrl : '/catalog';
  return (
    <main className="mx-auto flex min-h-screen max-w-3xl flex-col justify-center px-4 py-12">
      <div className="mb-8 flex items-center gap-3">
        <span
          className="grid size-10 place-items-center rounded-lg bg-brand-600 text-lg font-semibold text-white"
          aria-hidden
        >
          G
        </span>
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Sign in to Gatehouse</h1>
          <p className="text-sm text-slate-600">
            Request, approve and review access across Acme’s applications.
          </p>
        </div>
      </div>
      {params.error ? (
        <p
          role="alert"
          className="mb-6 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          {ERRORS[params.error] ?? 'Sign-in failed. Try again.'}
        </p>
      ) : null}
      <SignInOptions callbackUrl={callbackUrl} oidc={oidc} personas={personas} />
      {!demo && !oidc ? (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          No sign-in method is configured. Set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET.
        </p>
      ) : null}
    </main>
  );
}
