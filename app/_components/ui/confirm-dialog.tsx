'use client';

import { useState } from 'react';
import { Button } from './button.tsx';
import { QueryError } from './query-state.tsx';
import { Dialog } from './dialog.tsx';
import { TextArea } from './text-field.tsx';

export type TConfirmReason = { label: string; hint?: string; required?: boolean; maxLength?: number };

/**
 * Asks before something that cannot be taken back: what it is (the title), what follows from it
 * (`consequences`, read out with the title), and a button that names the act ("Delete rule", not
 * "OK"). It stays open while the change is sent and shows the server's refusal inside, so the caller
 * closes it on success. With `reason`, a reason is asked for and handed to `onConfirm`; a required
 * one is checked here, at the field, before anything is sent.
 */
export function ConfirmDialog({
  open,
  title,
  consequences,
  confirmLabel,
  cancelLabel = 'Keep it',
  tone = 'danger',
  reason,
  pending = false,
  error,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  consequences: React.ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  tone?: 'danger' | 'primary';
  reason?: TConfirmReason;
  pending?: boolean;
  /** The mutation's error, shown inside the dialog (null while there is none). */
  error?: unknown;
  onConfirm: (reason: string) => void;
  onClose: () => void;
}) {
  return (
    <Dialog open={open} onClose={onClose} title={title} description={consequences} role="alertdialog">
      <ConfirmForm
        confirmLabel={confirmLabel}
        cancelLabel={cancelLabel}
        tone={tone}
        reason={reason}
        pending={pending}
        error={error}
        onConfirm={onConfirm}
        onClose={onClose}
      />
    </Dialog>
  );
}

// Its own component so the reason starts empty each time the dialog opens (the Dialog mounts its
// children only while open).
function ConfirmForm({
  confirmLabel,
  cancelLabel,
  tone,
  reason,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  confirmLabel: string;
  cancelLabel: string;
  tone: 'danger' | 'primary';
  reason?: TConfirmReason;
  pending: boolean;
  error?: unknown;
  onConfirm: (reason: string) => void;
  onClose: () => void;
}) {
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason?.required && !text.trim()) {
          setMissing(true);
          e.currentTarget.querySelector('textarea')?.focus();
          return;
        }
        onConfirm(text.trim());
      }}
    >
      {reason ? (
        <TextArea
          label={reason.label}
          hint={reason.hint}
          required={reason.required}
          maxLength={reason.maxLength ?? 500}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (e.target.value.trim()) setMissing(false);
          }}
          error={missing ? 'Say why: it goes on the record.' : null}
          autoFocus
        />
      ) : null}
      <QueryError query={{ error: error ?? null }} />
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={onClose}>
          {cancelLabel}
        </Button>
        <Button type="submit" variant={tone === 'danger' ? 'destructive' : 'primary'} disabled={pending}>
          {pending ? 'Working…' : confirmLabel}
        </Button>
      </div>
    </form>
  );
}
