'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useTRPC } from '../../../_trpc/client.tsx';
import { Notice, Spinner } from '../../../_components/ui/card.tsx';
import { useCanManage } from '../_components/use-can-manage.ts';
import { ApplicationEditor, isEditorTab, type TEditorTab } from './application-editor.tsx';
import { useDocumentTitle } from '@/app/_components/use-document-title.ts';

/** Loads what the editor needs; the editor is keyed by the stored version so a save starts a fresh draft. */
export function ApplicationView({
  id,
  initialTab,
  created,
}: {
  id: string | null;
  initialTab?: string;
  created?: boolean;
}) {
  const trpc = useTRPC();
  const canManage = useCanManage();
  // Here, not in the editor: a save remounts the editor with the stored values, and keeps the tab.
  const [tab, setTab] = useState<TEditorTab>(isEditorTab(initialTab) ? initialTab : 'settings');
  const [notice, setNotice] = useState<string | null>(
    created ? 'Application created. Test the connection, then add or import its entitlements.' : null,
  );
  const types = useQuery(trpc.applications.connectorTypes.queryOptions());
  const teams = useQuery(trpc.applications.fulfilmentTeams.queryOptions());
  const app = useQuery({ ...trpc.applications.get.queryOptions({ id: id ?? '' }), enabled: id !== null });
  useDocumentTitle(app.data ? [app.data.name, 'Applications'] : null);
  const error = types.error ?? teams.error ?? app.error;
  const back = (
    <Link
      href="/admin/applications"
      className="mb-3 inline-flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900"
    >
      <span aria-hidden>←</span> All applications
    </Link>
  );
  if (error) {
    return (
      <>
        {back}
        <Notice tone="error">{error.message}</Notice>
      </>
    );
  }
  if (!types.data || !teams.data || (id !== null && !app.data)) {
    return (
      <>
        {back}
        <Spinner label="Loading the application" />
      </>
    );
  }
  if (id === null && !canManage) {
    return (
      <>
        {back}
        <Notice>Only the identity team adds applications.</Notice>
      </>
    );
  }
  return (
    <>
      {back}
      <ApplicationEditor
        key={app.data ? `${app.data.id}:${app.data.updatedAt.toISOString()}` : 'new'}
        app={app.data ?? null}
        connectorTypes={types.data}
        teams={teams.data}
        canManage={canManage}
        tab={tab}
        notice={notice}
        onNotice={setNotice}
        onTabChange={(next) => {
          setTab(next);
          window.history.replaceState(
            null,
            '',
            next === 'settings' ? window.location.pathname : `?tab=${next}`,
          );
        }}
      />
    </>
  );
}
