'use client';

import { Badge } from '../../../_components/ui/badge.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Card, Notice } from '../../../_components/ui/card.tsx';
import { countOf } from '../../../_components/ui/format.ts';
import { fieldError } from '../_components/server-errors.ts';
import { fromRows, toRows, type TConnectorInfo, type TDraft } from './draft.ts';
import { KeyValueRows } from './key-value-rows.tsx';
import { MappingHelp } from './mapping-help.tsx';
import { MappingPreview } from './mapping-preview.tsx';

export type TMappingChange = {
  accounts: number;
  changed: number;
  emptied: number;
  sample: Array<{ id: string; displayName: string }>;
  massChange: { affected: number; population: number; percent: number; isHeld: boolean };
};

export function MappingTab({
  draft,
  update,
  errors,
  info,
  canManage,
  change,
}: {
  draft: TDraft;
  update: (patch: Partial<TDraft>) => void;
  errors: Record<string, string>;
  info: TConnectorInfo | undefined;
  canManage: boolean;
  /** What the edited mapping does to the accounts held now (null while unchanged or loading). */
  change: TMappingChange | null;
}) {
  const current = fromRows(draft.mapping);
  const defaults = info?.defaultMapping ?? {};
  const isDefault =
    Object.keys(current).length === Object.keys(defaults).length &&
    Object.entries(current).every(([k, v]) => defaults[k] === v);
  return (
    <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <Card className="min-w-0 p-5">
        <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
          <div>
            <h2 className="flex flex-wrap items-center gap-2 font-semibold text-slate-900">
              Attribute mapping{' '}
              {isDefault ? (
                <Badge tone="blue">connector default</Badge>
              ) : (
                <Badge tone="indigo">customised</Badge>
              )}
            </h2>
            <p className="text-sm text-slate-600">
              Each account attribute in the application, and the template that fills it from the person.
            </p>
          </div>
          {canManage && !isDefault ? (
            <Button variant="secondary" size="sm" onClick={() => update({ mapping: toRows(defaults) })}>
              Reset to the connector’s default
            </Button>
          ) : null}
        </div>
        {change ? (
          <div className="mb-4">
            <Notice tone={change.massChange.isHeld ? 'error' : 'info'}>
              {change.changed === 0
                ? `No account changes: the ${countOf(change.accounts, 'account')} in this application stay as they are.`
                : `Saving rewrites the accounts of ${countOf(change.changed, 'person', 'people')} of ${change.accounts}${change.emptied ? `; ${change.emptied} lose a value they have now` : ''} (e.g. ${change.sample.map((p) => p.displayName).join(', ')}).`}
              {change.massChange.isHeld
                ? ' That is more than the mass-change guard allows: saving asks for your confirmation and a reason.'
                : ''}
            </Notice>
          </div>
        ) : null}
        <fieldset disabled={!canManage} className="min-w-0">
          <KeyValueRows
            label="Target attributes"
            nameLabel="Target attribute"
            valueLabel="Template"
            rows={draft.mapping}
            onChange={(mapping) => update({ mapping })}
            canManage={canManage}
            error={
              fieldError(errors, 'attributeMapping') &&
              !Object.keys(errors).some((k) => k.startsWith('attributeMapping.'))
                ? fieldError(errors, 'attributeMapping')
                : null
            }
            rowError={(name) => errors[`attributeMapping.${name}`] ?? null}
            valueClassName="font-mono"
            nameSuggestions={Object.keys(defaults)}
            emptyText="No attributes: the connector’s default mapping applies."
          />
        </fieldset>
      </Card>
      <div className="grid content-start gap-4">
        <MappingPreview draft={draft} canManage={canManage} />
        <MappingHelp />
      </div>
    </div>
  );
}
