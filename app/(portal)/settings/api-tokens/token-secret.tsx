'use client';

import { useState } from 'react';
import { Button } from '@/app/_components/ui/button.tsx';
import { Notice } from '@/app/_components/ui/card.tsx';

/** The token itself, shown once after it is created: only its hash is kept. */
export function TokenSecret({ name, token }: { name: string; token: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="mt-4 min-w-0 space-y-2" role="status" aria-label="New API token">
      <Notice tone="success">“{name}” created. Copy the token now: it is shown only this once.</Notice>
      <div className="flex min-w-0 flex-wrap items-center gap-2">
        <code
          className="min-w-0 rounded bg-slate-100 px-2 py-1 font-mono text-sm break-all text-slate-900"
          data-testid="new-api-token"
        >
          {token}
        </code>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => {
            void navigator.clipboard?.writeText(token).then(() => setCopied(true));
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </Button>
      </div>
    </div>
  );
}
