'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, useTRPC } from '../../../_trpc/client.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Notice } from '../../../_components/ui/card.tsx';
import { Checkbox, Field, inputClass, selectClass } from '@/app/_components/ui/field.tsx';
import {
  confirmationFor,
  isHeldAsMassChange,
  MassChangeConfirm,
} from '../_components/mass-change-confirm.tsx';
import { PeoplePicker, type TPerson } from '../_components/people-picker.tsx';
import { fieldError, serverFieldErrors } from '../_components/server-errors.ts';
import { EntitlementPicker, type TPicked } from './entitlement-picker.tsx';
import { RoleChangePreview, useRoleChangePreview } from './role-change-preview.tsx';
import type { TAdminRole } from './roles-view.tsx';
import { RiskOptions } from '@/app/_components/ui/risk-options.tsx';

type TRisk = TAdminRole['risk'];

export function RoleForm({
  role,
  onDone,
  onCancel,
}: {
  role: TAdminRole | null;
  onDone: (name: string, isNew: boolean) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(role?.name ?? '');
  const [key, setKey] = useState(role?.key ?? '');
  const [description, setDescription] = useState(role?.description ?? '');
  const [owner, setOwner] = useState<TPerson | null>(role?.owner ?? null);
  const [risk, setRisk] = useState<TRisk>(role?.risk ?? 'MEDIUM');
  const [requestable, setRequestable] = useState(role?.requestable ?? true);
  const [maxDays, setMaxDays] = useState(role?.maxDurationDays ? String(role.maxDurationDays) : '');
  const [picked, setPicked] = useState<TPicked[]>(
    () =>
      role?.entitlements.map((e) => ({ id: e.id, name: e.name, applicationName: e.application.name })) ?? [],
  );
  const save = useMutation(
    trpc.catalogAdmin.saveRole.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.catalogAdmin.listRoles.queryKey() });
        onDone(name.trim(), role === null);
      },
    }),
  );
  const errors = serverFieldErrors(save.error);
  const entitlementIds = picked.map((p) => p.id);
  const preview = useRoleChangePreview(role?.id ?? null, entitlementIds);
  const [reason, setReason] = useState('');
  const heldByServer = isHeldAsMassChange(save.error);
  const isHeld = heldByServer || Boolean(preview.data?.massChange.isHeld);
  return (
    <form
      noValidate
      className="grid grid-cols-1 gap-4 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({
          ...(role ? { id: role.id } : {}),
          name: name.trim(),
          key: key.trim(),
          description: description.trim(),
          ownerId: owner?.id ?? null,
          risk,
          requestable,
          maxDurationDays: maxDays.trim() ? Number(maxDays) : null,
          entitlementIds,
          ...confirmationFor(isHeld, reason),
        });
      }}
    >
      <Field label="Name" required error={fieldError(errors, 'name')}>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={200}
          className={inputClass}
          placeholder="e.g. Finance analyst"
        />
      </Field>
      <Field
        label="Key"
        required
        hint="Lower-case letters, digits and dashes."
        error={fieldError(errors, 'key')}
      >
        <input
          value={key}
          onChange={(e) => setKey(e.target.value)}
          maxLength={60}
          spellCheck={false}
          className={`${inputClass} font-mono`}
          placeholder="finance-analyst"
        />
      </Field>
      <Field label="Description" className="sm:col-span-2" error={fieldError(errors, 'description')}>
        <textarea
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          rows={2}
          maxLength={2000}
          className={inputClass}
        />
      </Field>
      <Field label="Owner" hint="Answers for what the role bundles." error={fieldError(errors, 'ownerId')}>
        <PeoplePicker value={owner} onChange={setOwner} clearLabel="Remove the owner" />
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
        hint="Empty for no limit."
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
      <div className="self-end pb-2">
        <Checkbox
          label="Requestable"
          checked={requestable}
          onChange={setRequestable}
          hint="People can request the role in the catalog."
        />
      </div>
      <div className="sm:col-span-2">
        <EntitlementPicker
          picked={picked}
          onChange={setPicked}
          error={fieldError(errors, 'entitlementIds')}
        />
      </div>
      {entitlementIds.length ? (
        <div className="min-w-0 sm:col-span-2">
          <RoleChangePreview roleId={role?.id ?? null} entitlementIds={entitlementIds} />
        </div>
      ) : null}
      {isHeld ? (
        <div className="sm:col-span-2">
          <MassChangeConfirm
            error={save.error}
            verdict={preview.data?.massChange ?? null}
            reason={reason}
            onReason={setReason}
            fieldError={fieldError(errors, 'confirmMassChange')}
          />
        </div>
      ) : null}
      {save.error && !heldByServer ? (
        <div className="sm:col-span-2">
          <Notice tone="error">{errorMessage(save.error)}</Notice>
        </div>
      ) : null}
      <div className="flex justify-end gap-2 sm:col-span-2">
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : role ? (isHeld ? 'Confirm and save' : 'Save role') : 'Create role'}
        </Button>
      </div>
    </form>
  );
}
