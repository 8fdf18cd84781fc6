'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, useTRPC } from '../../../_trpc/client.tsx';
import { Button } from '@/app/_components/ui/button.tsx';
import { capitalise } from '@/app/_components/ui/format.ts';
import { Checkbox } from '@/app/_components/ui/field.tsx';
import { Notice, Spinner } from '@/app/_components/ui/card.tsx';
import { Select, TextField } from '@/app/_components/ui/text-field.tsx';

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
function TokenFields({ value, onChange }: { value: TNewToken; onChange: (v: TNewToken) => void }) {
  const trpc = useTRPC();
  const options = useQuery(trpc.apiTokens.permissions.queryOptions());
  const toggle = (permission: string, on: boolean) =>
    onChange({
      ...value,
      permissions: on
        ? [...value.permissions, permission]
        : value.permissions.filter((p) => p !== permission),
    });
  return (
    <>
      <TextField
        label="Name"
        hint="What will use it, e.g. “Deploy pipeline”."
        value={value.name}
        onChange={(e) => onChange({ ...value, name: e.target.value })}
        maxLength={100}
      />
      <Select
        label="Expires after"
        value={value.expiresInDays}
        onChange={(e) => onChange({ ...value, expiresInDays: Number(e.target.value) })}
      >
        {EXPIRIES.map((e) => (
          <option key={e.days} value={e.days}>
            {e.label}
          </option>
        ))}
      </Select>
      <fieldset className="min-w-0 sm:col-span-2">
        <legend className="text-sm font-medium text-slate-700">What it may do</legend>
        <p className="text-xs text-slate-500">
          Only what you may do yourself; the token loses anything you lose later.
        </p>
        {options.isPending ? <Spinner label="Loading permissions" /> : null}
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {options.data?.map((o) => (
            <Checkbox
              key={o.permission}
              label={capitalise(o.label)}
              hint={<code className="break-all">{o.permission}</code>}
              checked={value.permissions.includes(o.permission)}
              onChange={(on) => toggle(o.permission, on)}
            />
          ))}
        </div>
      </fieldset>
    </>
  );
}

export const emptyToken = (): TNewToken => ({ name: '', permissions: [], expiresInDays: 30 });

export function useNewToken() {
  return useState<TNewToken>(emptyToken);
}

/**
 * The form that creates a token or a service account: what the page adds first (a service account's
 * team), the token's fields, the server's refusal and the button. The page sends it (`onSubmit`).
 */
export function NewTokenForm({
  value,
  onChange,
  onSubmit,
  mutation,
  submitLabel,
  ready = true,
  className = '',
  children,
}: {
  value: TNewToken;
  onChange: (v: TNewToken) => void;
  onSubmit: () => void;
  mutation: { isPending: boolean; error: unknown };
  submitLabel: string;
  /** What the page needs beside the token's own fields (a team chosen). */
  ready?: boolean;
  className?: string;
  children?: React.ReactNode;
}) {
  return (
    <form
      className={`grid min-w-0 gap-4 sm:grid-cols-2 ${className}`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
      <TokenFields value={value} onChange={onChange} />
      {mutation.error ? (
        <div className="sm:col-span-2">
          <Notice tone="error">{errorMessage(mutation.error)}</Notice>
        </div>
      ) : null}
      <div className="sm:col-span-2">
        <Button
          type="submit"
          disabled={mutation.isPending || !ready || !value.name.trim() || value.permissions.length === 0}
        >
          {mutation.isPending ? 'Creating…' : submitLabel}
        </Button>
      </div>
    </form>
  );
}
