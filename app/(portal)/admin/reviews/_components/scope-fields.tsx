'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../../../_trpc/client.tsx';
import { Checkbox, Field, inputClass } from '@/app/_components/ui/field.tsx';
import { SidePicker } from '../../sod-rules/side-picker.tsx';
import type { TCampaignDraft } from './campaign-form-state.ts';

type TScopeDraft = Pick<
  TCampaignDraft,
  'applicationIds' | 'itemIds' | 'managersReports' | 'highRiskOnly' | 'notReviewedDays'
>;

/** What to review: applications, entitlements and roles (none: all access but birthright), and how to narrow it. */
export function ScopeFields({
  scope,
  onChange,
  error,
}: {
  scope: TScopeDraft;
  onChange: (patch: Partial<TScopeDraft>) => void;
  error: string | null;
}) {
  const trpc = useTRPC();
  const apps = useQuery(trpc.applications.list.queryOptions());
  const items = useQuery(trpc.sod.items.queryOptions());
  const all = items.data ?? [];
  return (
    <fieldset className="min-w-0 space-y-4 rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-medium text-slate-700">What to review</legend>
      <p className="text-sm text-slate-600">
        Pick applications, entitlements or roles, or leave them empty to review all access (a review of
        everything). Birthright access is never reviewed: it follows its rule.
      </p>
      <fieldset className="min-w-0">
        <legend className="text-sm font-medium text-slate-700">Applications</legend>
        <ul className="mt-1 grid gap-1 sm:grid-cols-2" aria-label="Applications">
          {(apps.data ?? []).map((a) => (
            <li key={a.id}>
              <Checkbox
                label={a.name}
                checked={scope.applicationIds.includes(a.id)}
                onChange={(on) =>
                  onChange({
                    applicationIds: on
                      ? [...scope.applicationIds, a.id]
                      : scope.applicationIds.filter((id) => id !== a.id),
                  })
                }
              />
            </li>
          ))}
        </ul>
      </fieldset>
      <SidePicker
        label="Entitlements and roles"
        items={all}
        picked={all.filter((i) => scope.itemIds.includes(i.id))}
        onChange={(picked) => onChange({ itemIds: picked.map((p) => p.id) })}
        exclude={new Set()}
        required={false}
        whenEmpty={
          scope.applicationIds.length
            ? 'None: only the applications above.'
            : 'None: leave empty to review all access.'
        }
      />
      <div className="space-y-2">
        <Checkbox
          label="Every manager's direct reports"
          hint="Only people with a manager; pair it with a manager stage."
          checked={scope.managersReports}
          onChange={(managersReports) => onChange({ managersReports })}
        />
        <Checkbox
          label="High-risk access only"
          checked={scope.highRiskOnly}
          onChange={(highRiskOnly) => onChange({ highRiskOnly })}
        />
      </div>
      <Field
        label="Only access not kept in a review in the last … days"
        hint="Leave empty to review it all."
        error={error}
      >
        <input
          inputMode="numeric"
          value={scope.notReviewedDays}
          onChange={(e) => onChange({ notReviewedDays: e.target.value })}
          maxLength={4}
          className={`${inputClass} sm:max-w-40`}
        />
      </Field>
    </fieldset>
  );
}
