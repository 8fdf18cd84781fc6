'use client';

import { Button } from '../../../_components/ui/button.tsx';
import { Card } from '../../../_components/ui/card.tsx';
import { Checkbox } from '@/app/_components/ui/field.tsx';
import { TextField } from '@/app/_components/ui/text-field.tsx';
import { CORRELATION_ATTRIBUTES, FIELDS, PRECEDENCE_ATTRIBUTES, type TDraft } from './source-draft.ts';

type TCardProps = {
  draft: TDraft;
  update: (patch: Partial<TDraft>) => void;
  err: (field: string) => string | null;
};

const fieldErrorLine = (error: string | null) =>
  error ? <p className="mt-2 text-xs font-medium text-red-700">{error}</p> : null;

/** Which column holds each attribute, and which attributes a row must have. */
export function ColumnsCard({ draft, update, err }: TCardProps) {
  const toggleRequired = (field: string, on: boolean) =>
    update({ required: on ? [...draft.required, field] : draft.required.filter((r) => r !== field) });
  return (
    <Card className="p-5">
      <h2 className="font-semibold text-slate-900">Columns</h2>
      <p className="text-sm text-slate-600">
        Which column holds each attribute. Empty means a column of the attribute’s own name; a column the
        source does not have says nothing about that attribute.
      </p>
      {fieldErrorLine(err('config.columns') ?? err('config.required'))}
      <ul className="mt-3 divide-y divide-slate-100" aria-label="Columns">
        {FIELDS.map(([field, label]) => (
          // A group per attribute, so each "Required" box is read with its attribute's name.
          <li
            key={field}
            role="group"
            aria-label={label}
            className="grid items-end gap-x-4 gap-y-2 py-2 sm:grid-cols-[minmax(0,1fr)_8rem]"
          >
            <TextField
              label={label}
              error={err(`config.columns.${field}`)}
              value={draft.columns[field] ?? ''}
              onChange={(e) => update({ columns: { ...draft.columns, [field]: e.target.value } })}
              placeholder={
                field === 'externalId' ? (draft.columns.employeeNumber ?? 'employeeNumber') : field
              }
              spellCheck={false}
              maxLength={200}
            />
            <div className="sm:pb-2">
              <Checkbox
                label="Required"
                checked={draft.required.includes(field)}
                onChange={(on) => toggleRequired(field, on)}
              />
            </div>
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** The correlation rules: which attributes must agree for a record to be this person, in order. */
export function MatchingCard({ draft, update, err }: TCardProps) {
  const setRule = (i: number, patch: Partial<TDraft['correlation'][number]>) =>
    update({ correlation: draft.correlation.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  return (
    <Card className="p-5">
      <h2 className="font-semibold text-slate-900">Matching people</h2>
      <p className="text-sm text-slate-600">
        Records this source has not linked yet are matched by these rules, in order. Several matches, or rules
        that point at different people, go to the correlation queue: never to a duplicate.
      </p>
      {fieldErrorLine(err('config.correlation'))}
      <ol className="mt-3 space-y-2">
        {draft.correlation.map((rule, i) => (
          <li
            key={i}
            role="group"
            aria-label={`Rule ${i + 1}`}
            className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-md border border-slate-200 px-3 py-2 text-sm"
          >
            <span className="font-medium text-slate-600" aria-hidden>
              {i + 1}.
            </span>
            {CORRELATION_ATTRIBUTES.map(([a, label]) => (
              <Checkbox
                key={a}
                label={label}
                checked={rule.attributes.includes(a)}
                onChange={(on) =>
                  setRule(i, {
                    attributes: on ? [...rule.attributes, a] : rule.attributes.filter((x) => x !== a),
                  })
                }
              />
            ))}
            <Checkbox
              label="a person confirms"
              checked={rule.confirm}
              onChange={(confirm) => setRule(i, { confirm })}
            />
            <Button
              variant="ghost"
              size="sm"
              className="ml-auto"
              onClick={() => update({ correlation: draft.correlation.filter((_, j) => j !== i) })}
              aria-label={`Remove rule ${i + 1}`}
            >
              Remove
            </Button>
          </li>
        ))}
      </ol>
      <Button
        variant="secondary"
        size="sm"
        className="mt-2"
        onClick={() => update({ correlation: [...draft.correlation, { attributes: [], confirm: false }] })}
      >
        Add rule
      </Button>
    </Card>
  );
}

/** Per-attribute precedence over the source's own. */
export function AttributePrecedenceCard({ draft, update, err }: TCardProps) {
  return (
    <Card className="p-5">
      <h2 className="font-semibold text-slate-900">Who owns which attribute</h2>
      <p className="text-sm text-slate-600">
        Overrides this source’s precedence ({draft.precedence || '—'}) for single attributes, e.g. an identity
        provider that owns email. Equal precedence and different values: the identity team decides.
      </p>
      <div className="mt-3 grid grid-cols-2 gap-x-6 gap-y-3 sm:grid-cols-4">
        {PRECEDENCE_ATTRIBUTES.map((a) => (
          <TextField
            key={a}
            label={a}
            type="number"
            min={0}
            max={10000}
            error={err(`config.attributePrecedence.${a}`)}
            value={draft.attributePrecedence[a] ?? ''}
            onChange={(e) =>
              update({ attributePrecedence: { ...draft.attributePrecedence, [a]: e.target.value } })
            }
            placeholder={draft.precedence}
          />
        ))}
      </div>
    </Card>
  );
}
