'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import type { ZAdminEntitlement } from '@/server/trpc/routers/catalog-admin/catalog-admin.schema.ts';
import { errorMessage, useTRPC } from '../../../_trpc/client.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Notice } from '../../../_components/ui/card.tsx';
import { Checkbox, Field, inputClass, selectClass } from '@/app/_components/ui/field.tsx';
import { PeoplePicker, type TPerson } from '../_components/people-picker.tsx';
import { fieldError, serverFieldErrors } from '../_components/server-errors.ts';
import { RiskOptions } from '@/app/_components/ui/risk-options.tsx';
import { DayText } from '@/app/_components/ui/day-text.tsx';

export type TAdminEntitlement = z.infer<typeof ZAdminEntitlement>;
type TKind = TAdminEntitlement['kind'];
type TRisk = TAdminEntitlement['risk'];

export const KIND_LABEL: Record<TKind, string> = {
  GROUP: 'Group',
  PERMISSION_SET: 'Permission set',
  PERMISSION_SET_GROUP: 'Permission set group',
  PROFILE: 'Profile',
  LICENSE: 'Licence',
  OTHER: 'Other',
};

const TARGET_ID_HINT: Record<string, string> = {
  LDAP: 'The group’s DN, e.g. cn=finance,ou=groups,dc=acme,dc=test',
  SALESFORCE: 'The profile, permission set or permission set group ID, e.g. 0PS…',
  SCIM: 'The group’s id in the application',
  MANUAL: 'What the fulfilment team knows it by, e.g. a role name in the application',
};

/** Add or edit one catalog entry; the dialog mounts this afresh each time it opens. */
export function EntitlementForm({
  applicationId,
  connectorType,
  entitlement,
  onDone,
  onCancel,
}: {
  applicationId: string;
  connectorType: string;
  entitlement: TAdminEntitlement | null;
  onDone: (name: string) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(entitlement?.name ?? '');
  const [externalId, setExternalId] = useState(entitlement?.externalId ?? '');
  const [description, setDescription] = useState(entitlement?.description ?? '');
  const [kind, setKind] = useState<TKind>(entitlement?.kind ?? 'GROUP');
  const [risk, setRisk] = useState<TRisk>(entitlement?.risk ?? 'LOW');
  const [requestable, setRequestable] = useState(entitlement?.requestable ?? true);
  const [singleValued, setSingleValued] = useState(entitlement?.singleValued ?? false);
  const [maxDays, setMaxDays] = useState(
    entitlement?.maxDurationDays ? String(entitlement.maxDurationDays) : '',
  );
  const [owner, setOwner] = useState<TPerson | null>(entitlement?.owner ?? null);
  const save = useMutation(
    trpc.catalogAdmin.saveEntitlement.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({
          queryKey: trpc.catalogAdmin.listEntitlements.queryKey({ applicationId }),
        });
        await queryClient.invalidateQueries({ queryKey: trpc.applications.list.queryKey() });
        onDone(name.trim());
      },
    }),
  );
  const errors = serverFieldErrors(save.error);
  return (
    <form
      noValidate
      className="grid grid-cols-1 gap-4 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({
          ...(entitlement ? { id: entitlement.id } : {}),
          applicationId,
          name: name.trim(),
          externalId: externalId.trim(),
          description: description.trim(),
          kind,
          risk,
          requestable,
          singleValued,
          maxDurationDays: maxDays.trim() ? Number(maxDays) : null,
          ownerId: owner?.id ?? null,
        });
      }}
    >
      {entitlement?.vanishedAt ? (
        <div className="sm:col-span-2">
          <Notice tone="error">
            Gone from the application since <DayText at={entitlement.vanishedAt} />: it cannot be requestable
            until it is back.
          </Notice>
        </div>
      ) : entitlement?.review === 'UNREVIEWED' ? (
        <div className="sm:col-span-2">
          <Notice>
            Found in the application and not reviewed yet. Check its owner, risk and description; saving marks
            it reviewed.
          </Notice>
        </div>
      ) : null}
      <Field
        label="Name"
        required
        className="sm:col-span-2"
        hint="What people see in the catalog."
        error={fieldError(errors, 'name')}
      >
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={200}
          className={inputClass}
        />
      </Field>
      <Field
        label="Target ID"
        required
        className="sm:col-span-2"
        hint={
          entitlement && entitlement.holders > 0
            ? 'People hold this entitlement: its target ID cannot change.'
            : TARGET_ID_HINT[connectorType]
        }
        error={fieldError(errors, 'externalId')}
      >
        <input
          value={externalId}
          onChange={(e) => setExternalId(e.target.value)}
          maxLength={1000}
          spellCheck={false}
          readOnly={Boolean(entitlement && entitlement.holders > 0)}
          className={`${inputClass} font-mono read-only:bg-slate-50 read-only:text-slate-500`}
        />
      </Field>
      <Field
        label="Description"
        className="sm:col-span-2"
        hint="Say what it gives, in words a requester and an approver understand."
        error={fieldError(errors, 'description')}
      >
        <textarea
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          rows={2}
          maxLength={2000}
          className={inputClass}
        />
      </Field>
      <Field label="Kind" error={fieldError(errors, 'kind')}>
        <select
          value={kind}
          onChange={(e) => setKind(e.target.value as TKind)}
          className={`${selectClass} w-full`}
        >
          {Object.entries(KIND_LABEL).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Risk" error={fieldError(errors, 'risk')}>
        <select
          value={risk}
          onChange={(e) => setRisk(e.target.value as TRisk)}
          className={`${selectClass} w-full`}
        >
          <RiskOptions />
        </select>
      </Field>
      <Field
        label="Maximum duration (days)"
        hint="Empty for no limit; requests then need an end date within it."
        error={fieldError(errors, 'maxDurationDays')}
      >
        <input
          type="number"
          min={1}
          max={3650}
          value={maxDays}
          onChange={(e) => setMaxDays(e.target.value)}
          className={inputClass}
        />
      </Field>
      <Field
        label="Owner"
        hint="Reviews it and answers for who has it."
        error={fieldError(errors, 'ownerId')}
      >
        <PeoplePicker value={owner} onChange={setOwner} clearLabel="Remove the owner" />
      </Field>
      <div className="grid gap-3 sm:col-span-2">
        <Checkbox
          label="Requestable"
          checked={requestable}
          onChange={setRequestable}
          hint="Shown in the catalog; people can ask for it."
        />
        <Checkbox
          label="Single-valued"
          checked={singleValued}
          onChange={setSingleValued}
          hint="An account holds at most one of these (e.g. a Salesforce profile)."
        />
      </div>
      {save.error ? (
        <div className="sm:col-span-2">
          <Notice tone="error">{errorMessage(save.error)}</Notice>
        </div>
      ) : null}
      <div className="flex justify-end gap-2 sm:col-span-2">
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : entitlement ? 'Save entitlement' : 'Add entitlement'}
        </Button>
      </div>
    </form>
  );
}
