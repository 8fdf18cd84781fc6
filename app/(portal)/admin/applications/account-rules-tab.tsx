'use client';

import { Card } from '../../../_components/ui/card.tsx';
import { Field, inputClass } from '@/app/_components/ui/field.tsx';
import { fieldError } from '../_components/server-errors.ts';
import type { TConnectorInfo, TDraft } from './draft.ts';
import { MappingPreview } from './mapping-preview.tsx';

export function AccountRulesTab({
  draft,
  update,
  errors,
  canManage,
}: {
  draft: TDraft;
  update: (patch: Partial<TDraft>) => void;
  errors: Record<string, string>;
  info: TConnectorInfo | undefined;
  canManage: boolean;
}) {
  return (
    <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <Card className="min-w-0 p-5">
        <h2 className="font-semibold text-slate-900">Account names</h2>
        <p className="text-sm text-slate-600">
          How a new account’s username is made. When it is taken, Gatehouse adds 2, 3… to it.
        </p>
        <fieldset disabled={!canManage} className="mt-4 grid gap-4">
          <Field
            label="Username template"
            hint={
              <>
                Empty means the person’s portal username, <code className="font-mono">{'{username}'}</code>.
                Same fields and filters as the attribute mapping, e.g.{' '}
                <code className="font-mono">{'{firstName|ascii|lower}.{lastName|ascii|lower|nospace}'}</code>.
              </>
            }
            error={
              fieldError(errors, 'accountRules.usernameTemplate') ??
              fieldError(errors, 'attributeMapping.username') ??
              fieldError(errors, 'accountRules')
            }
          >
            <input
              value={draft.usernameTemplate}
              onChange={(e) => update({ usernameTemplate: e.target.value })}
              maxLength={200}
              spellCheck={false}
              placeholder="{username}"
              className={`${inputClass} font-mono`}
            />
          </Field>
          <Field
            label="Maximum length"
            hint="Longer usernames are cut (1–256). Empty for no limit."
            error={fieldError(errors, 'accountRules.maxLength')}
          >
            <input
              type="number"
              min={1}
              max={256}
              value={draft.maxLength}
              onChange={(e) => update({ maxLength: e.target.value })}
              className={`${inputClass} sm:w-32`}
            />
          </Field>
        </fieldset>
      </Card>
      <MappingPreview draft={draft} canManage={canManage} />
    </div>
  );
}
