'use client';

import { useId } from 'react';
import { Dialog as AriaDialog, Heading, Modal, ModalOverlay } from 'react-aria-components';

/**
 * A modal dialog (react-aria-components): focus is trapped inside, Escape closes it, the title labels
 * it and focus returns to what opened it. A click outside does not close it, so a half-filled form is
 * not lost to a stray click. Children mount only while it is open, so a form inside starts fresh.
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
  size = 'md',
  role = 'dialog',
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: React.ReactNode;
  children: React.ReactNode;
  size?: 'md' | 'lg';
  /** `alertdialog` for a question that interrupts (ConfirmDialog). */
  role?: 'dialog' | 'alertdialog';
}) {
  const descriptionId = useId();
  return (
    <ModalOverlay
      isOpen={open}
      onOpenChange={(isOpen) => {
        if (!isOpen) onClose();
      }}
      isKeyboardDismissDisabled={false}
      className="fixed inset-0 z-50 flex items-center justify-center overflow-y-auto bg-slate-900/40 p-3"
    >
      <Modal
        className={`max-h-[92vh] w-full overflow-y-auto rounded-lg border border-slate-200 bg-white text-slate-900 shadow-xl ${size === 'lg' ? 'max-w-3xl' : 'max-w-lg'}`}
      >
        <AriaDialog
          role={role}
          aria-describedby={description ? descriptionId : undefined}
          className="p-5 outline-none sm:p-6"
        >
          <div className="mb-4 flex items-start justify-between gap-4">
            <div className="min-w-0">
              <Heading slot="title" className="text-lg font-semibold break-words text-slate-900">
                {title}
              </Heading>
              {description ? (
                <div id={descriptionId} className="mt-1 space-y-2 text-sm text-slate-600">
                  {description}
                </div>
              ) : null}
            </div>
            <button
              type="button"
              onClick={onClose}
              aria-label="Close"
              className="-mt-1 -mr-2 rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-900"
            >
              <svg viewBox="0 0 20 20" className="size-5" fill="currentColor" aria-hidden>
                <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
              </svg>
            </button>
          </div>
          {children}
        </AriaDialog>
      </Modal>
    </ModalOverlay>
  );
}
