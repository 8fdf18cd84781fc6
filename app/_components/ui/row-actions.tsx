'use client';

import { useState } from 'react';
import { Button } from './button.tsx';
import { ConfirmDialog } from './confirm-dialog.tsx';

export type TRowRemoval = {
  /** The question ("Delete the rule “Payroll split”?"), what follows from it, and the act's own name ("Delete rule"). */
  title: string;
  consequences: React.ReactNode;
  confirmLabel: string;
  /** The button that asks; "Delete…" unless told. */
  label?: string;
  /** Sends the deletion; the dialog stays open with the server's refusal if it fails. */
  onConfirm: () => Promise<unknown>;
};

/**
 * The edit and delete buttons of one thing in an admin list (a rule, a policy, a team): "Edit" calls
 * the page, which opens its editor; "Delete…" asks first (ConfirmDialog) and sends the deletion
 * itself, so a page keeps no "which one is being deleted" state. Focus returns to "Delete…" when
 * the question is dismissed.
 */
export function RowActions({
  onEdit,
  editLabel = 'Edit',
  remove,
  size = 'sm',
}: {
  onEdit?: () => void;
  editLabel?: string;
  remove?: TRowRemoval;
  size?: 'sm' | 'md';
}) {
  const [asking, setAsking] = useState(false);
  const [sending, setSending] = useState<{ pending: boolean; error: unknown }>({
    pending: false,
    error: null,
  });
  const confirm = async () => {
    if (!remove) return;
    setSending({ pending: true, error: null });
    try {
      await remove.onConfirm();
      setSending({ pending: false, error: null });
      setAsking(false);
    } catch (error) {
      setSending({ pending: false, error });
    }
  };
  return (
    <div className="flex flex-wrap items-center gap-2">
      {onEdit ? (
        <Button variant="secondary" size={size} onClick={onEdit}>
          {editLabel}
        </Button>
      ) : null}
      {remove ? (
        <>
          <Button
            variant="danger"
            size={size}
            onClick={() => {
              setSending({ pending: false, error: null });
              setAsking(true);
            }}
          >
            {remove.label ?? 'Delete…'}
          </Button>
          <ConfirmDialog
            open={asking}
            title={remove.title}
            consequences={remove.consequences}
            confirmLabel={remove.confirmLabel}
            pending={sending.pending}
            error={sending.error}
            onConfirm={() => void confirm()}
            onClose={() => setAsking(false)}
          />
        </>
      ) : null}
    </div>
  );
}
