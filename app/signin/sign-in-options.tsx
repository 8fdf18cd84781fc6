'use client';

import { signIn } from 'next-auth/react';
import { useState } from 'react';

type TPersona = { username: string; displayName: string; title: string | null; blurb: string; group: string };

export function SignInOptions({
  callbackUrl,
  oidc,
  personas,
}: {
  callbackUrl: string;
  oidc: { name: string } | null;
  personas: TPersona[];
}) {
  const [busy, setBusy] = useState<string | null>(null);
  const groups = [...new Set(personas.map((p) => p.group))];
  return (
    <div className="space-y-8">
      {oidc ? (
        <button
          type="button"
          onClick={() => {
            setBusy('oidc');
            void signIn('oidc', { callbackUrl });
          }}
          disabled={busy !== null}
          className="w-full rounded-md bg-brand-600 px-4 py-2.5 text-sm font-medium text-white shadow-xs hover:bg-brand-700 disabled:opacity-60"
        >
          Continue with {oidc.name}
        </button>
      ) : null}
      {personas.length ? (
        <section aria-labelledby="demo-heading">
          <div className="mb-3 flex items-center gap-2">
            <h2 id="demo-heading" className="text-sm font-semibold tracking-wide text-slate-700 uppercase">
              Demo personas
            </h2>
            <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-800">
              Demo mode · no password
            </span>
          </div>
          <div className="space-y-5">
            {groups.map((group) => (
              <div key={group}>
                <h3 className="mb-2 text-sm font-medium text-slate-500">{group}</h3>
                <ul className="grid gap-3 sm:grid-cols-2">
                  {personas
                    .filter((p) => p.group === group)
                    .map((p) => (
                      <li key={p.username}>
                        <button
                          type="button"
                          disabled={busy !== null}
                          onClick={() => {
                            setBusy(p.username);
                            void signIn('demo', { username: p.username, callbackUrl });
                          }}
                          className="h-full w-full rounded-lg border border-slate-200 bg-white p-4 text-left shadow-xs hover:border-brand-600/50 hover:shadow-sm disabled:opacity-60"
                        >
                          <span className="block font-medium text-slate-900">
                            {p.displayName} <span className="font-normal text-slate-500">({p.username})</span>
                          </span>
                          <span className="block text-sm text-slate-500">{p.title}</span>
                          <span className="mt-1 block text-sm text-slate-600">
                            {busy === p.username ? 'Signing in…' : p.blurb}
                          </span>
                        </button>
                      </li>
                    ))}
                </ul>
              </div>
            ))}
          </div>
        </section>
      ) : null}
    </div>
  );
}
