'use client';

import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRef, useState } from 'react';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Notice } from '../../../_components/ui/card.tsx';
import { Field } from '../../../_components/ui/field.tsx';

/**
 * Uploads an HR file as the raw request body (streamed to disk on the server, never buffered), then
 * links to the run: validation and apply happen in the background.
 */
export function UploadFile({ sourceId }: { sourceId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ runId?: string; error?: string } | null>(null);

  async function upload() {
    if (!file) return;
    setBusy(true);
    setResult(null);
    try {
      const response = await fetch(`/api/sources/${sourceId}/upload`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/csv', 'X-File-Name': encodeURIComponent(file.name) },
        body: file,
      });
      const body = (await response.json().catch(() => ({}))) as { runId?: string; error?: string };
      setResult(
        response.ok
          ? { runId: body.runId }
          : { error: body.error ?? `The upload failed (${response.status})` },
      );
      if (response.ok) {
        setFile(null);
        if (input.current) input.current.value = '';
        await queryClient.invalidateQueries({ queryKey: trpc.sources.get.queryKey({ sourceId }) });
      }
    } catch {
      setResult({ error: 'The upload did not reach the server' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-end gap-2">
        <Field label="HR file (CSV)" className="max-w-full">
          <input
            ref={input}
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            className="max-w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-200"
          />
        </Field>
        <Button onClick={() => void upload()} disabled={!file || busy}>
          {busy ? 'Uploading…' : 'Upload and run'}
        </Button>
      </div>
      {result?.runId ? (
        <Notice tone="success">
          Uploaded. The file is validated row by row, then applied.{' '}
          <Link className="font-medium underline" href={`/admin/sources/runs/${result.runId}`}>
            Follow the run
          </Link>
        </Notice>
      ) : null}
      {result?.error ? <Notice tone="error">{result.error}</Notice> : null}
    </div>
  );
}
