'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Checkbox, Field, inputClass, selectClass } from '@/app/_components/ui/field.tsx';
import { Spinner } from '@/app/_components/ui/card.tsx';

export type TNewToken = { name: string; permissions: string[]; expiresInDays: number };

const EXPIRIES = [
  { days: 7, label: '7 days' },
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
  { days: 366, label: 'A year' },
];

/**
 * Name, expiry and permissions of a new token or service account. The permissions offered are what
 * the signed-in person holds (the server checks again): a token is a subset of its person.
 */
export function TokenFields({ value, onChange }: { value: TNewToken; onChange: (v: TNewToken) => void }) {
  const trpc = useTRPC();
  const options = useQuery(trpc.apiTokens.permissions.queryOptions());
  const toggle = (permission: string, on: boolean) =>
    onChange({ ...value, permissions: on ? [...value.permissions, permission] : value.permissions.filter((p) => p !== permission) });
  return (
    <>
      <Field label="Name" hint="What will use it, e.g. “Deploy pipeline”." className="min-w-0 sm:col-span-1">
        <input className={inputClass} value={value.name} onChange={(e) => onChange({ ...value, name: e.target.value })} maxLength={100} required />
      </Field>
      <Field label="Expires after" className="min-w-0">
        <select className={`${selectClass} w-full`} value={value.expiresInDays} onChange={(e) => onChange({ ...value, expiresInDays: Number(e.target.value) })}>
          {EXPIRIES.map((e) => (
            <option key={e.days} value={e.days}>
              {e.label}
            </option>
          ))}
        </select>
      </Field>
      <fieldset className="min-w-0 sm:col-span-2">
        <legend className="text-sm font-medium text-slate-700">What it may do</legend>
        <p className="text-xs text-slate-500">Only what you may do yourself; the token loses anything you lose later.</p>
        {options.isPending ? <Spinner label="Loading permissions" /> : null}
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {options.data?.map((o) => (
            <Checkbox key={o.permission} label={capitalise(o.label)} hint={<code className="break-all">{o.permission}</code>} checked={value.permissions.includes(o.permission)} onChange={(on) => toggle(o.permission, on)} />
          ))}
        </div>
      </fieldset>
    </>
  );
}

export const emptyToken = (): TNewToken => ({ name: '', permissions: [], expiresInDays: 30 });

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function useNewToken() {
  return useState<TNewToken>(emptyToken);
}
