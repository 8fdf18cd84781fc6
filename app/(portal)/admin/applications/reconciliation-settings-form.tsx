'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { TReconciliationSettings } from '@/server/modules/reconciliation/index.ts';
import { errorMessage, useTRPC } from '../../../_trpc/client.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Card, Spinner } from '../../../_components/ui/card.tsx';
import { FINDING_KINDS, KIND_LABEL } from '../../reconciliation/_components/labels.ts';
import { Field, inputClass, selectClass } from '@/app/_components/ui/field.tsx';
import { QueryError } from '@/app/_components/ui/query-state.tsx';
import { describeCron } from '@/app/_components/ui/cron-text.ts';

const REACTIONS = { REPORT: 'Report only', REVERT: 'Revert the target', ADOPT: 'Adopt as a grant' } as const;
const IDENTITY_ATTRIBUTES = {
  username: 'Username',
  email: 'Email',
  employeeNumber: 'Employee number',
} as const;

/** An application's reconciliation settings (reconciliation.getSettings / saveSettings). */
export function ReconciliationSettingsForm({
  applicationId,
  canManage,
}: {
  applicationId: string;
  canManage: boolean;
}) {
  const trpc = useTRPC();
  const stored = useQuery(trpc.reconciliation.getSettings.queryOptions({ applicationId }));
  // Here, not in the editor: a save remounts the editor with what was stored.
  const [saved, setSaved] = useState(false);
  if (stored.isPending) return <Spinner label="Loading the settings" />;
  if (stored.error) return <QueryError query={stored} />;
  return (
    <SettingsEditor
      key={JSON.stringify(stored.data.settings)}
      applicationId={applicationId}
      initial={stored.data.settings}
      canManage={canManage}
      saved={saved}
      onSaved={setSaved}
    />
  );
}

function SettingsEditor({
  applicationId,
  initial,
  canManage,
  saved,
  onSaved,
}: {
  applicationId: string;
  initial: TReconciliationSettings;
  canManage: boolean;
  saved: boolean;
  onSaved: (saved: boolean) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(initial);
  const save = useMutation(
    trpc.reconciliation.saveSettings.mutationOptions({
      onSuccess: async () => {
        onSaved(true);
        await queryClient.invalidateQueries({
          queryKey: trpc.reconciliation.getSettings.queryKey({ applicationId }),
        });
      },
    }),
  );
  const update = (patch: Partial<TReconciliationSettings>) => {
    setDraft((d) => ({ ...d, ...patch }));
    onSaved(false);
  };
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial);
  return (
    <Card className="p-4">
      <h2 className="mb-1 text-base font-semibold text-slate-900">Settings</h2>
      <p className="mb-4 text-sm text-slate-600">
        When runs start on their own, what happens to each kind of finding, and how much a run may change
        before a person confirms it.
      </p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (canManage) save.mutate({ applicationId, settings: draft });
        }}
      >
        <fieldset disabled={!canManage} className="space-y-4">
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              label="Full run schedule"
              hint={`${describeCron(draft.fullSchedule ?? '') ?? 'A cron expression in UTC, e.g. 0 2 * * *'}; empty: only on demand.`}
            >
              <input
                className={inputClass}
                maxLength={100}
                value={draft.fullSchedule ?? ''}
                onChange={(e) => update({ fullSchedule: e.target.value.trim() || null })}
              />
            </Field>
            <Field
              label="Incremental run schedule"
              hint={`${describeCron(draft.incrementalSchedule ?? '') ?? 'e.g. */15 * * * *'}; empty: only on demand.`}
            >
              <input
                className={inputClass}
                maxLength={100}
                value={draft.incrementalSchedule ?? ''}
                onChange={(e) => update({ incrementalSchedule: e.target.value.trim() || null })}
              />
            </Field>
            <Field
              label="Mass-change guard (percent of accounts)"
              hint="A run that would revert or disable more than this share of the accounts waits for confirmation."
            >
              <input
                type="number"
                min={0}
                max={100}
                className={inputClass}
                value={Number.isFinite(draft.massChangeGuardPercent) ? draft.massChangeGuardPercent : ''}
                onChange={(e) =>
                  update({
                    massChangeGuardPercent: e.target.value === '' ? Number.NaN : Number(e.target.value),
                  })
                }
              />
            </Field>
            <div className="flex items-end">
              <label className="flex items-start gap-2 text-sm text-slate-700">
                <input
                  type="checkbox"
                  className="mt-0.5 size-4"
                  checked={draft.adoptNeedsOwnerApproval}
                  onChange={(e) => update({ adoptNeedsOwnerApproval: e.target.checked })}
                />
                Adopting access needs the entitlement owner’s approval
              </label>
            </div>
          </div>
          <div>
            <h3 className="mb-2 text-sm font-semibold text-slate-800">Reaction per kind of finding</h3>
            <div className="grid gap-x-4 gap-y-2 sm:grid-cols-2">
              {FINDING_KINDS.map((kind) => (
                <label
                  key={kind}
                  className="flex min-w-0 flex-wrap items-center justify-between gap-2 text-sm text-slate-700"
                >
                  <span className="min-w-0">{KIND_LABEL[kind]}</span>
                  <select
                    className={selectClass}
                    value={draft.reactions[kind] ?? 'REPORT'}
                    onChange={(e) =>
                      update({
                        reactions: { ...draft.reactions, [kind]: e.target.value as keyof typeof REACTIONS },
                      })
                    }
                  >
                    {Object.entries(REACTIONS).map(([v, l]) => (
                      <option key={v} value={v}>
                        {l}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </div>
          </div>
          <div>
            <h3 className="mb-1 text-sm font-semibold text-slate-800">
              Matching accounts to people (onboarding)
            </h3>
            <p className="mb-2 text-xs text-slate-600">
              Tried in order; the first rule that finds exactly one person wins.
            </p>
            <ol className="space-y-2">
              {draft.correlation.map((rule, i) => (
                <li key={i} className="flex flex-wrap items-center gap-2 text-sm">
                  <input
                    aria-label={`Rule ${i + 1}: account attribute`}
                    className={`${inputClass} max-w-48`}
                    maxLength={100}
                    value={rule.accountAttribute}
                    onChange={(e) =>
                      update({
                        correlation: draft.correlation.map((r, j) =>
                          j === i ? { ...r, accountAttribute: e.target.value } : r,
                        ),
                      })
                    }
                  />
                  <span className="text-slate-500">matches</span>
                  <select
                    aria-label={`Rule ${i + 1}: person attribute`}
                    className={selectClass}
                    value={rule.identityAttribute}
                    onChange={(e) =>
                      update({
                        correlation: draft.correlation.map((r, j) =>
                          j === i
                            ? { ...r, identityAttribute: e.target.value as keyof typeof IDENTITY_ATTRIBUTES }
                            : r,
                        ),
                      })
                    }
                  >
                    {Object.entries(IDENTITY_ATTRIBUTES).map(([v, l]) => (
                      <option key={v} value={v}>
                        {l}
                      </option>
                    ))}
                  </select>
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={() => update({ correlation: draft.correlation.filter((_, j) => j !== i) })}
                  >
                    Remove
                  </Button>
                </li>
              ))}
            </ol>
            {draft.correlation.length < 10 ? (
              <Button
                variant="secondary"
                size="sm"
                className="mt-2"
                onClick={() =>
                  update({
                    correlation: [
                      ...draft.correlation,
                      { accountAttribute: '', identityAttribute: 'username' },
                    ],
                  })
                }
              >
                Add a rule
              </Button>
            ) : null}
          </div>
        </fieldset>
        {canManage ? (
          <div className="mt-4 flex flex-wrap items-center gap-3 print:hidden">
            <Button type="submit" disabled={!dirty || save.isPending}>
              {save.isPending ? 'Saving…' : 'Save settings'}
            </Button>
            {dirty ? (
              <Button variant="secondary" onClick={() => setDraft(initial)}>
                Discard
              </Button>
            ) : null}
            <span aria-live="polite" className="text-sm">
              {save.error ? (
                <span className="text-red-700">Not saved: {errorMessage(save.error)}</span>
              ) : saved && !dirty ? (
                <span className="text-emerald-700">Saved.</span>
              ) : null}
            </span>
          </div>
        ) : null}
      </form>
    </Card>
  );
}
