'use client';

import { Button } from '../../../_components/ui/button.tsx';
import { Card } from '../../../_components/ui/card.tsx';
import { formatDateTimeUtc } from '../../../_components/ui/format.ts';

/** What the audit chain's last verification found (the shape the `audit.lastVerification` procedure is expected to give). */
export type TAuditVerification = { verifiedAt: Date; ok: boolean; eventsChecked: number; message?: string | null };

/**
 * THE SPOT FOR THE AUDIT CHAIN'S "LAST VERIFICATION" CARD. The hash chain and its verification are
 * built on another branch (procedures audit.lastVerification and audit.verifyNow); at merge, the
 * audit log page renders this card with their data. Until then nothing renders it, and without a
 * verification it renders nothing.
 */
export function AuditVerificationCard({ verification, onVerify, verifying }: { verification?: TAuditVerification | null; onVerify?: () => void; verifying?: boolean }) {
  if (!verification) return null;
  return (
    <Card className="mb-4 flex flex-wrap items-center justify-between gap-3 p-4">
      <div role="status" aria-label="Audit chain verification" className="min-w-0 text-sm">
        <p className={`font-medium ${verification.ok ? 'text-emerald-800' : 'text-red-700'}`}>
          {verification.ok ? 'The audit trail is intact' : 'The audit trail does not verify'}
        </p>
        <p className="break-words text-slate-600">
          Last checked {formatDateTimeUtc(verification.verifiedAt)}: {verification.eventsChecked.toLocaleString('en')} events
          {verification.message ? `. ${verification.message}` : ''}
        </p>
      </div>
      {onVerify ? (
        <Button variant="secondary" size="sm" onClick={onVerify} disabled={verifying} className="print:hidden">
          {verifying ? 'Checking…' : 'Verify now'}
        </Button>
      ) : null}
    </Card>
  );
}
