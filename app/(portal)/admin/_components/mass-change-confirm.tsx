'use client';

import { TRPCClientError } from '@trpc/client';
import { Notice } from '../../../_components/ui/card.tsx';
import { errorMessage } from '../../../_trpc/client.tsx';
import { Field, inputClass } from '@/app/_components/ui/field.tsx';

type TVerdict = { affected: number; population: number; percent: number; isHeld: boolean };

/** The server held the save as a mass change (docs/decisions/065): its word counts over the preview's. */
export const isHeldAsMassChange = (error: unknown) =>
  error instanceof TRPCClientError &&
  (error.data as { appCode?: string } | undefined)?.appCode === 'MASS_CHANGE_UNCONFIRMED';

/** The sentence the server answers with, from the preview's verdict before the first try. */
export const massChangeSentence = (m: TVerdict, deed = 'remove access from') =>
  `This would ${deed} ${m.affected} of ${m.population} people (${m.percent}%). Confirm to apply.`;

/**
 * What an editor shows when its save would remove access from more than the guard's share of people:
 * the numbers, and the reason the confirmation needs (kept in the audit trail).
 */
export function MassChangeConfirm({
  error,
  verdict,
  deed,
  reason,
  onReason,
  fieldError,
}: {
  error: unknown;
  verdict: TVerdict | null;
  /** What the change does to each person counted, as the server words it (default: remove access from). */
  deed?: string;
  reason: string;
  onReason: (v: string) => void;
  fieldError: string | null;
}) {
  const message = isHeldAsMassChange(error)
    ? errorMessage(error)
    : verdict?.isHeld
      ? massChangeSentence(verdict, deed)
      : null;
  if (!message) return null;
  return (
    <div className="space-y-2">
      <Notice tone="error">{message}</Notice>
      <Field
        label="Reason for this change"
        required
        hint="Kept in the audit trail with your confirmation."
        error={fieldError}
      >
        <textarea
          value={reason}
          onChange={(e) => onReason(e.target.value)}
          rows={2}
          maxLength={500}
          className={inputClass}
        />
      </Field>
    </div>
  );
}

/** The confirmation to send with a save, when the change is held and a reason is given. */
export const confirmationFor = (isHeld: boolean, reason: string) =>
  isHeld && reason.trim() ? { confirmMassChange: { confirm: true as const, reason: reason.trim() } } : {};
