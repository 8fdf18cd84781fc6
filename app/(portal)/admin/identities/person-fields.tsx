'use client';

import { Fragment } from 'react';
import type { EmploymentType } from '@/prisma/generated/enums.ts';
import {
  attributeLabel,
  IDENTITY_ATTRIBUTES,
  PROFILE_ATTRIBUTES,
  type TProfileAttribute,
} from '@/server/shared/identity-attributes.ts';
import { DateField } from '@/app/_components/ui/date-field.tsx';
import { Field, inputClass, selectClass } from '@/app/_components/ui/field.tsx';
import { PeoplePicker, type TPerson } from '../_components/people-picker.tsx';
import { fieldError } from '../_components/server-errors.ts';

export type TEmploymentType = EmploymentType;

/** A person's attributes as the form holds them (dates as the date field's YYYY-MM-DD). */
export type TPersonDraft = {
  firstName: string;
  lastName: string;
  email: string;
  employmentType: TEmploymentType;
  manager: TPerson | null;
  startDate: string;
  endDate: string;
} & Record<TProfileAttribute, string>;

/** The profile attributes of a draft with nothing in them. */
export const emptyProfile = () =>
  Object.fromEntries(PROFILE_ATTRIBUTES.map((a) => [a, ''])) as Record<TProfileAttribute, string>;

/** What the form says under a profile attribute, where the label needs help. */
const PROFILE_HINT: Partial<Record<TProfileAttribute, string>> = { title: 'A service owner: say so here.' };
export type TPersonField = keyof TPersonDraft;

export const EMPLOYMENT_LABEL: Record<TEmploymentType, string> = {
  EMPLOYEE: 'Employee',
  CONTRACTOR: 'Contractor',
  INTERN: 'Intern',
  TEMPORARY: 'Temporary',
};

/** The server's name for a field (the manager is managerId). */
export const serverField = (f: TPersonField) => (f === 'manager' ? 'managerId' : f);

/**
 * The attributes the identity team may set by hand. A field an authoritative source owns (`ownedBy`,
 * by server field name) is shown read-only with that source's name: it changes there.
 */
export function PersonFields({
  draft,
  onChange,
  errors,
  ownedBy = {},
}: {
  draft: TPersonDraft;
  onChange: (draft: TPersonDraft) => void;
  errors: Record<string, string>;
  ownedBy?: Record<string, string>;
}) {
  const owner = (f: TPersonField) => ownedBy[serverField(f)];
  const hint = (f: TPersonField, otherwise?: string) =>
    owner(f) ? `From ${owner(f)}: change it there.` : otherwise;
  const text = (
    f: 'firstName' | 'lastName' | 'email' | TProfileAttribute,
    label: string,
    o: { required?: boolean; max: number; type?: string; hint?: string },
  ) => (
    <Field
      label={label}
      required={o.required}
      hint={hint(f, o.hint)}
      error={fieldError(errors, serverField(f))}
    >
      <input
        className={inputClass}
        type={o.type ?? 'text'}
        value={draft[f]}
        maxLength={o.max}
        readOnly={Boolean(owner(f))}
        disabled={Boolean(owner(f))}
        onChange={(e) => onChange({ ...draft, [f]: e.target.value })}
      />
    </Field>
  );
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {text('firstName', 'Given name', { required: true, max: IDENTITY_ATTRIBUTES.firstName.maxLength })}
      {text('lastName', 'Family name', { required: true, max: IDENTITY_ATTRIBUTES.lastName.maxLength })}
      {text('email', 'Email', { required: true, max: IDENTITY_ATTRIBUTES.email.maxLength, type: 'email' })}
      <Field label="Type" hint={hint('employmentType')} error={fieldError(errors, 'employmentType')}>
        <select
          className={`${selectClass} w-full`}
          value={draft.employmentType}
          disabled={Boolean(owner('employmentType'))}
          onChange={(e) => onChange({ ...draft, employmentType: e.target.value as TEmploymentType })}
        >
          {(Object.keys(EMPLOYMENT_LABEL) as TEmploymentType[]).map((t) => (
            <option key={t} value={t}>
              {EMPLOYMENT_LABEL[t]}
            </option>
          ))}
        </select>
      </Field>
      {PROFILE_ATTRIBUTES.map((a) => (
        <Fragment key={a}>
          {text(a, attributeLabel(a), { max: IDENTITY_ATTRIBUTES[a].maxLength, hint: PROFILE_HINT[a] })}
        </Fragment>
      ))}
      <Field
        label="Manager"
        className="sm:col-span-2"
        hint={hint('manager')}
        error={fieldError(errors, 'managerId')}
      >
        <PeoplePicker
          value={draft.manager}
          disabled={Boolean(owner('manager'))}
          onChange={(manager) => onChange({ ...draft, manager })}
        />
      </Field>
      <DateField
        label="Start date"
        hint={hint('startDate')}
        error={fieldError(errors, 'startDate')}
        value={draft.startDate}
        disabled={Boolean(owner('startDate'))}
        onChange={(startDate) => onChange({ ...draft, startDate })}
      />
      <DateField
        label="End date"
        hint={hint(
          'endDate',
          draft.employmentType === 'CONTRACTOR'
            ? 'When the contract ends: they leave at the end of that day.'
            : undefined,
        )}
        error={fieldError(errors, 'endDate')}
        value={draft.endDate}
        min={draft.startDate || undefined}
        disabled={Boolean(owner('endDate'))}
        onChange={(endDate) => onChange({ ...draft, endDate })}
      />
    </div>
  );
}

/** The fields as the server takes them: empty text is no value. */
export function toPersonFields(d: TPersonDraft) {
  const orNull = (v: string) => v.trim() || null;
  return {
    firstName: d.firstName,
    lastName: d.lastName,
    email: d.email,
    employmentType: d.employmentType,
    ...(Object.fromEntries(PROFILE_ATTRIBUTES.map((a) => [a, orNull(d[a])])) as Record<
      TProfileAttribute,
      string | null
    >),
    managerId: d.manager?.id ?? null,
    startDate: orNull(d.startDate),
    endDate: orNull(d.endDate),
  };
}
