'use client';

import { useState } from 'react';
import type { TApprovalStageSpec, TApproverSpec } from '@/server/modules/approvals/index.ts';
import { Button } from '../../../_components/ui/button.tsx';
import { Checkbox, Field, inputClass, selectClass } from '@/app/_components/ui/field.tsx';
import { Select } from '@/app/_components/ui/text-field.tsx';
import { PeoplePicker, type TPerson } from '../_components/people-picker.tsx';

export type TStageDraft = TApprovalStageSpec;
type TRoleType = 'MANAGER' | 'REQUESTER_MANAGER' | 'ENTITLEMENT_OWNER' | 'APPLICATION_OWNER';

const ROLE_TYPES: Array<{ type: TRoleType; label: string }> = [
  { type: 'MANAGER', label: 'The manager of the person who gets the access' },
  { type: 'REQUESTER_MANAGER', label: 'The requester’s manager' },
  { type: 'ENTITLEMENT_OWNER', label: 'The owner of the entitlement or role' },
  { type: 'APPLICATION_OWNER', label: 'The application owner' },
];

/** One stage: its approvers (by role, team or name), how they decide, and its reminder and escalation times. */
export function StageEditor({
  stage,
  index,
  count,
  teams,
  people,
  onChange,
  onMove,
  onRemove,
}: {
  stage: TStageDraft;
  index: number;
  count: number;
  teams: Array<{ key: string; name: string; members: number }>;
  people: Map<string, string>;
  onChange: (stage: TStageDraft) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}) {
  const [teamKey, setTeamKey] = useState('');
  const has = (t: TRoleType) => stage.approvers.some((a) => a.type === t);
  const toggle = (t: TRoleType, on: boolean) =>
    onChange({
      ...stage,
      approvers: on
        ? [...stage.approvers, { type: t } as TApproverSpec]
        : stage.approvers.filter((a) => a.type !== t),
    });
  const teamSpecs = stage.approvers.filter(
    (a): a is Extract<TApproverSpec, { type: 'TEAM' }> => a.type === 'TEAM',
  );
  const named =
    stage.approvers.find((a): a is Extract<TApproverSpec, { type: 'PEOPLE' }> => a.type === 'PEOPLE')
      ?.identityIds ?? [];
  const setNamed = (ids: string[]) =>
    onChange({
      ...stage,
      approvers: [
        ...stage.approvers.filter((a) => a.type !== 'PEOPLE'),
        ...(ids.length ? [{ type: 'PEOPLE' as const, identityIds: ids }] : []),
      ],
    });
  const addPerson = (p: TPerson | null) => {
    if (!p || named.includes(p.id)) return;
    people.set(p.id, p.displayName);
    setNamed([...named, p.id]);
  };

  return (
    <fieldset aria-label={`Stage ${index + 1}`} className="rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-medium text-slate-700">Stage {index + 1}</legend>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Stage name" required>
          <input
            value={stage.name}
            onChange={(e) => onChange({ ...stage, name: e.target.value })}
            maxLength={100}
            className={inputClass}
          />
        </Field>
        <div className="grid grid-cols-2 gap-2">
          <Field label="Decides by">
            <select
              value={stage.mode}
              onChange={(e) =>
                onChange({
                  ...stage,
                  mode: e.target.value as TStageDraft['mode'],
                  quorum: e.target.value === 'QUORUM' ? Math.max(2, stage.quorum) : 1,
                })
              }
              className={`${selectClass} w-full`}
            >
              <option value="ANY">Any one</option>
              <option value="ALL">All of them</option>
              <option value="QUORUM">N of them</option>
            </select>
          </Field>
          {stage.mode === 'QUORUM' ? (
            <Field label="Approvals needed (N)">
              <input
                type="number"
                min={2}
                max={50}
                value={stage.quorum}
                onChange={(e) => onChange({ ...stage, quorum: Number(e.target.value) })}
                className={inputClass}
              />
            </Field>
          ) : null}
        </div>
      </div>
      <div className="mt-3 grid gap-2 sm:grid-cols-2">
        {ROLE_TYPES.map((r) => (
          <Checkbox
            key={r.type}
            label={r.label}
            checked={has(r.type)}
            onChange={(on) => toggle(r.type, on)}
          />
        ))}
      </div>
      <div className="mt-3 grid gap-3 sm:grid-cols-2">
        <div>
          <p className="text-sm font-medium text-slate-700">Teams</p>
          <ul className="mt-1 flex flex-wrap gap-1.5">
            {teamSpecs.map((t) => (
              <li
                key={t.teamKey}
                className="inline-flex items-center gap-1 rounded-md bg-brand-50 px-2 py-0.5 text-xs text-brand-800 ring-1 ring-brand-100"
              >
                {teams.find((x) => x.key === t.teamKey)?.name ?? t.teamKey}
                <button
                  type="button"
                  aria-label={`Remove team ${t.teamKey}`}
                  onClick={() =>
                    onChange({
                      ...stage,
                      approvers: stage.approvers.filter(
                        (a) => !(a.type === 'TEAM' && a.teamKey === t.teamKey),
                      ),
                    })
                  }
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
          <div className="mt-1 flex gap-2">
            <Select
              label="Add a team"
              labelHidden
              value={teamKey}
              onChange={(e) => setTeamKey(e.target.value)}
              className="flex-1"
            >
              <option value="">Choose a team…</option>
              {teams.map((t) => (
                <option key={t.key} value={t.key}>
                  {t.name} ({t.members})
                </option>
              ))}
            </Select>
            <Button
              variant="secondary"
              size="sm"
              disabled={!teamKey || teamSpecs.some((t) => t.teamKey === teamKey)}
              onClick={() => {
                onChange({ ...stage, approvers: [...stage.approvers, { type: 'TEAM', teamKey }] });
                setTeamKey('');
              }}
            >
              Add
            </Button>
          </div>
        </div>
        <div>
          <p className="text-sm font-medium text-slate-700">Named people</p>
          <ul className="mt-1 flex flex-wrap gap-1.5">
            {named.map((id) => (
              <li
                key={id}
                className="inline-flex items-center gap-1 rounded-md bg-slate-100 px-2 py-0.5 text-xs text-slate-800 ring-1 ring-slate-200"
              >
                {people.get(id) ?? 'Someone'}
                <button
                  type="button"
                  aria-label={`Remove ${people.get(id) ?? 'person'}`}
                  onClick={() => setNamed(named.filter((x) => x !== id))}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
          <div className="mt-1">
            <PeoplePicker value={null} onChange={addPerson} placeholder="Add a person…" />
          </div>
        </div>
      </div>
      <div className="mt-3 grid gap-3 sm:grid-cols-3">
        <Field label="Reminder after (hours)" hint="Empty: no reminder.">
          <input
            type="number"
            min={1}
            value={stage.reminderHours ?? ''}
            onChange={(e) =>
              onChange({ ...stage, reminderHours: e.target.value ? Number(e.target.value) : null })
            }
            className={inputClass}
          />
        </Field>
        <Field label="Escalate after (hours)" hint="To each approver’s manager.">
          <input
            type="number"
            min={1}
            value={stage.slaHours ?? ''}
            onChange={(e) => onChange({ ...stage, slaHours: e.target.value ? Number(e.target.value) : null })}
            className={inputClass}
          />
        </Field>
        <div className="flex items-end justify-end gap-1">
          <Button
            variant="ghost"
            size="sm"
            disabled={index === 0}
            onClick={() => onMove(-1)}
            aria-label={`Move stage ${index + 1} up`}
          >
            ↑
          </Button>
          <Button
            variant="ghost"
            size="sm"
            disabled={index === count - 1}
            onClick={() => onMove(1)}
            aria-label={`Move stage ${index + 1} down`}
          >
            ↓
          </Button>
          <Button variant="danger" size="sm" disabled={count === 1} onClick={onRemove}>
            Remove stage
          </Button>
        </div>
      </div>
    </fieldset>
  );
}
