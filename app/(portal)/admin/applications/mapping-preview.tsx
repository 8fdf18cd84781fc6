'use client';

import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useId, useState } from 'react';
import { errorMessage, useTRPC } from '../../../_trpc/client.tsx';
import { Card, Notice } from '../../../_components/ui/card.tsx';
import { PeoplePicker, type TPerson } from '../_components/people-picker.tsx';
import { fromRows, type TDraft } from './draft.ts';

/** What the chosen person's account would look like with the draft (unsaved) mapping and naming rules. */
export function MappingPreview({ draft, canManage }: { draft: TDraft; canManage: boolean }) {
  const trpc = useTRPC();
  const pickerId = useId();
  const [person, setPerson] = useState<TPerson | null>(null);
  const maxLength = Number(draft.maxLength);
  const input = useDeferredValue({
    identityId: person?.id ?? '',
    connectorType: draft.connectorType,
    attributeMapping: fromRows(draft.mapping),
    usernameTemplate: draft.usernameTemplate.trim() || undefined,
    maxLength: Number.isInteger(maxLength) && maxLength >= 1 && maxLength <= 256 ? maxLength : undefined,
  });
  const preview = useQuery({
    ...trpc.applications.previewMapping.queryOptions(input),
    enabled: canManage && person !== null && input.identityId !== '',
    placeholderData: (previous) => previous,
  });
  return (
    <Card className="p-4">
      <h2 className="font-semibold text-slate-900">Preview</h2>
      {canManage ? (
        <>
          <p className="text-sm text-slate-600">The account a person would get, with your unsaved changes.</p>
          <div className="mt-3">
            <label htmlFor={pickerId} className="block text-sm font-medium text-slate-700">
              Person
            </label>
            <div className="mt-1">
              <PeoplePicker
                id={pickerId}
                value={person}
                onChange={setPerson}
                placeholder="Pick someone to preview…"
                clearLabel="Clear the person"
              />
            </div>
          </div>
          {preview.error ? (
            <div className="mt-3">
              <Notice tone="error">{errorMessage(preview.error)}</Notice>
            </div>
          ) : null}
          {person && preview.data ? (
            <dl
              aria-label={`Preview for ${person.displayName}`}
              className={`mt-3 grid grid-cols-[minmax(0,auto)_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm ${preview.isFetching ? 'opacity-60' : ''}`}
            >
              <dt className="font-mono text-xs leading-5 font-semibold text-slate-700">username</dt>
              <dd className="font-mono text-xs leading-5 break-all text-slate-900">
                {preview.data.username}
                {preview.data.naming ? (
                  <span className="block font-sans break-words text-amber-800">{preview.data.naming}</span>
                ) : null}
              </dd>
              {Object.entries(preview.data.attributes).map(([name, value]) => (
                <div key={name} className="contents">
                  <dt className="font-mono text-xs leading-5 text-slate-500">{name}</dt>
                  <dd className="font-mono text-xs leading-5 break-all text-slate-900">
                    {value ?? <span className="font-sans text-slate-500 italic">no value</span>}
                  </dd>
                </div>
              ))}
            </dl>
          ) : null}
        </>
      ) : (
        <p className="text-sm text-slate-600">The live preview is for the identity team.</p>
      )}
    </Card>
  );
}
