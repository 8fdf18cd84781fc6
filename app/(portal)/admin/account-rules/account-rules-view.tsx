'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useDeferredValue, useState } from 'react';
import { errorMessage, useTRPC } from '../../../_trpc/client.tsx';
import { Badge } from '../../../_components/ui/badge.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Card, EmptyState, Notice, PageHeader } from '../../../_components/ui/card.tsx';
import { Field, inputClass, selectClass } from '@/app/_components/ui/field.tsx';
import { QueryError, QueryState } from '@/app/_components/ui/query-state.tsx';

const FIRST_LAST = '{firstName|ascii|lower|alnum}.{lastName|ascii|lower|alnum}';
type TRules = {
  usernameTemplate?: string;
  fallbackTemplate?: string;
  maxLength?: number;
  requiredAttributes: string[];
  initialPassword: 'none' | 'random';
};

/** Per application: how usernames are made, what a new account needs, whether it gets a random password. */
export function AccountRulesView() {
  const trpc = useTRPC();
  const apps = useQuery(trpc.accountRules.list.queryOptions());
  return (
    <>
      <PageHeader
        title="Account creation rules"
        description="How Gatehouse names a new account in each application, which attributes it cannot be created without (the create is refused before it reaches the target), and whether the target gets a random initial password (generated when the account is created and never stored)."
      />
      <QueryState query={apps} loading="Loading applications">
        {apps.data?.length === 0 ? <EmptyState title="No applications" /> : null}
        <div className="space-y-5">
          {apps.data?.map((a) => (
            <AppRules key={a.id} app={a} />
          ))}
        </div>
      </QueryState>
    </>
  );
}

function AppRules({
  app,
}: {
  app: { id: string; name: string; connectorType: string; enabled: boolean; rules: TRules };
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [template, setTemplate] = useState(app.rules.usernameTemplate ?? '');
  const [fallback, setFallback] = useState(app.rules.fallbackTemplate ?? '');
  const [maxLength, setMaxLength] = useState(app.rules.maxLength ? String(app.rules.maxLength) : '');
  const [required, setRequired] = useState(app.rules.requiredAttributes.join(', '));
  const [password, setPassword] = useState(app.rules.initialPassword);
  const rules: TRules = {
    ...(template.trim() ? { usernameTemplate: template.trim() } : {}),
    ...(fallback.trim() ? { fallbackTemplate: fallback.trim() } : {}),
    ...(maxLength ? { maxLength: Number(maxLength) } : {}),
    requiredAttributes: required
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    initialPassword: password,
  };
  const deferred = useDeferredValue(rules);
  const preview = useQuery({
    ...trpc.accountRules.preview.queryOptions({ applicationId: app.id, rules: deferred, limit: 6 }),
    placeholderData: keepPreviousData,
  });
  const save = useMutation(
    trpc.accountRules.save.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.accountRules.list.queryKey() }),
    }),
  );
  return (
    <Card className="p-5">
      <section aria-label={app.name}>
        <div className="flex items-center justify-between gap-2">
          <h2 className="font-semibold text-slate-900">{app.name}</h2>
          <span className="flex gap-1.5">
            <Badge>{app.connectorType}</Badge>
            {app.enabled ? null : <Badge tone="gray">Disabled</Badge>}
          </span>
        </div>
        <div className="mt-4 grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
          <form
            className="grid gap-4"
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate({ applicationId: app.id, rules });
            }}
          >
            <Field
              label="Username"
              hint={
                <>
                  Empty: the person’s portal username. A taken name gets 2, 3… appended. For first.last,
                  lower-case, ASCII only:
                  {/* On its own line, breaking only at the dot between its halves: too long for a
                      phone's line, it broke mid-name and left its full stop alone on the next. */}
                  <button
                    type="button"
                    className="block text-left font-mono text-brand-700 hover:underline"
                    onClick={() => setTemplate(FIRST_LAST)}
                  >
                    {FIRST_LAST.split('.').map((part, i) => (
                      <Fragment key={part}>
                        {i > 0 ? '.' : ''}
                        {i > 0 ? <wbr /> : null}
                        <span className="whitespace-nowrap">{part}</span>
                      </Fragment>
                    ))}
                  </button>
                </>
              }
            >
              <input
                value={template}
                onChange={(e) => setTemplate(e.target.value)}
                placeholder="{username}"
                spellCheck={false}
                className={`${inputClass} font-mono`}
              />
            </Field>
            <Field
              label="Fallback username"
              hint="Used when the username above would be empty, start or end with a dash or dot, be longer than the application takes, or lose letters it cannot transliterate or an @. If this fails too, that person’s account is refused with the reason."
            >
              <input
                value={fallback}
                onChange={(e) => setFallback(e.target.value)}
                placeholder="{employeeNumber|ascii|lower}"
                spellCheck={false}
                className={`${inputClass} font-mono`}
              />
            </Field>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="Maximum length" hint="Empty for no limit.">
                <input
                  type="number"
                  min={1}
                  max={256}
                  value={maxLength}
                  onChange={(e) => setMaxLength(e.target.value)}
                  className={`${inputClass} sm:w-32`}
                />
              </Field>
              <Field label="Initial password">
                <select
                  value={password}
                  onChange={(e) => setPassword(e.target.value as 'none' | 'random')}
                  className={`${selectClass} w-full`}
                >
                  <option value="none">None (the target needs no password)</option>
                  <option value="random">A strong random one, never stored</option>
                </select>
              </Field>
            </div>
            <Field
              label="Required attributes"
              hint="Comma-separated account attributes (e.g. mail) or person attributes (e.g. employeeNumber). A create without them is refused with the reason."
            >
              <input
                value={required}
                onChange={(e) => setRequired(e.target.value)}
                placeholder="mail, employeeNumber"
                className={`${inputClass} font-mono`}
              />
            </Field>
            {save.error ? <Notice tone="error">{errorMessage(save.error)}</Notice> : null}
            {save.isSuccess ? (
              <Notice tone="success">
                Saved. New accounts follow these rules; existing ones keep their names.
              </Notice>
            ) : null}
            <div>
              <Button type="submit" disabled={save.isPending}>
                Save rules
              </Button>
            </div>
          </form>
          <div aria-label={`Preview for ${app.name}`}>
            <h3 className="text-sm font-medium text-slate-700">If the newest people joined now</h3>
            <QueryError query={preview} />
            <ul
              className={`mt-2 divide-y divide-slate-100 rounded-md border border-slate-200 text-sm ${preview.isFetching ? 'opacity-60' : ''}`}
            >
              {preview.data?.map((p) => (
                <li key={p.identityId} className="px-3 py-1.5">
                  <span className="text-slate-700">{p.displayName}</span>
                  <span
                    className={`float-right break-all text-right font-mono text-xs ${p.username ? 'text-slate-900' : 'text-red-700'}`}
                  >
                    {p.username ?? p.error}
                    {p.existing && p.existing !== p.username ? (
                      <span className="block font-sans text-slate-500">has {p.existing}</span>
                    ) : null}
                  </span>
                  {p.fallback ? (
                    <span className="block break-words text-xs text-amber-800">fallback: {p.fallback}</span>
                  ) : null}
                  {p.missing.length ? (
                    <span className="block text-xs text-red-700">refused: {p.missing.join(', ')} empty</span>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        </div>
      </section>
    </Card>
  );
}
