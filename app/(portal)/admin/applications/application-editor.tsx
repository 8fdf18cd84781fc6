'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { errorMessage, useTRPC } from '../../../_trpc/client.tsx';
import { Badge } from '../../../_components/ui/badge.tsx';
import { Button } from '../../../_components/ui/button.tsx';
import { Notice, PageHeader } from '../../../_components/ui/card.tsx';
import { ConfirmDialog } from '../../../_components/ui/confirm-dialog.tsx';
import { countOf } from '../../../_components/ui/format.ts';
import { useCan } from '../../../_components/use-can.ts';
import {
  confirmationFor,
  isHeldAsMassChange,
  MassChangeConfirm,
} from '../_components/mass-change-confirm.tsx';
import { HeldAccessSummary } from '../_components/held-access.tsx';
import { fieldError, serverFieldErrors } from '../_components/server-errors.ts';
import { TabPanel, Tabs, type TTab } from '@/app/_components/ui/tabs.tsx';
import { AccountRulesTab } from './account-rules-tab.tsx';
import { ApplicationOperations } from './application-operations.tsx';
import { CONNECTOR_LABEL } from './connector-labels.ts';
import {
  draftOf,
  newDraft,
  toSaveInput,
  type TConnectorInfo,
  type TDraft,
  type TStoredApplication,
} from './draft.ts';
import { EntitlementsTab } from './entitlements-tab.tsx';
import { MappingTab } from './mapping-tab.tsx';
import { ReconciliationTab } from './reconciliation-tab.tsx';
import { SettingsTab, type TStoredTest } from './settings-tab.tsx';
import { storedProblemErrors, storedProblemName } from './stored-setting-problems.ts';
import { CONNECTOR_FORMS } from '@/server/shared/connector-forms/connector-form-fields.ts';

export type TEditorTab = 'settings' | 'mapping' | 'rules' | 'entitlements' | 'operations' | 'reconciliation';
const TAB_IDS: TEditorTab[] = [
  'settings',
  'mapping',
  'rules',
  'entitlements',
  'operations',
  'reconciliation',
];
export const isEditorTab = (v: unknown): v is TEditorTab => TAB_IDS.includes(v as TEditorTab);
const DRAFT_TABS: TEditorTab[] = ['settings', 'mapping', 'rules'];

/** Which tab holds the field a server error names. */
function tabOfField(field: string): TEditorTab {
  if (field.startsWith('attributeMapping')) return 'mapping';
  if (field.startsWith('accountRules')) return 'rules';
  return 'settings';
}

export type TEditorApplication = TStoredApplication & {
  disabledAt: Date | null;
  disabledBy: { id: string; displayName: string } | null;
  held: { count: number; since: Date | null; people: Array<{ id: string; displayName: string }> };
  secretFields: string[];
  /** What today's rules refuse in the stored settings: shown until a save fixes it. */
  configProblems: Array<{ field: string; message: string }>;
  lastTestedAt: Date | null;
  lastTestResult: unknown;
};
type TTeam = { id: string; name: string; description: string; members: number };

export function ApplicationEditor({
  app,
  connectorTypes,
  teams,
  canManage,
  tab,
  onTabChange,
  notice,
  onNotice,
}: {
  app: TEditorApplication | null;
  connectorTypes: TConnectorInfo[];
  teams: TTeam[];
  canManage: boolean;
  tab: TEditorTab;
  onTabChange: (tab: TEditorTab) => void;
  /** Kept by the parent: a save remounts this editor. */
  notice: string | null;
  onNotice: (notice: string | null) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const canReadReconciliation = useCan('reconciliation.read');
  const [initial] = useState<TDraft>(() =>
    app
      ? draftOf(
          app,
          connectorTypes.find((t) => t.type === app.connectorType),
        )
      : newDraft(connectorTypes.find((t) => t.type === 'LDAP') ?? connectorTypes[0]!),
  );
  const [draft, setDraft] = useState<TDraft>(initial);
  const info = connectorTypes.find((t) => t.type === draft.connectorType);
  const built = toSaveInput(draft, app?.id ?? null, info);
  const [triedToSave, setTriedToSave] = useState(false);
  const [reason, setReason] = useState('');
  // Disabling or enabling stops or restarts provisioning: the save asks first (ConfirmDialog below).
  const [confirmingSwitch, setConfirmingSwitch] = useState(false);
  const switching = app !== null && app.enabled !== draft.enabled;
  // What stops a save before the server is asked; shown beside the save button.
  const firstSettingError = Object.values(built.settingErrors)[0];
  const blocker = firstSettingError
    ? `Connection settings: ${firstSettingError}`
    : draft.connectorType === 'MANUAL' && !draft.fulfilmentTeamId
      ? 'Choose the fulfilment team that gets the tasks.'
      : null;
  const initialInput = toSaveInput(initial, app?.id ?? null, info).input;
  const dirty = app === null || JSON.stringify(built.input) !== JSON.stringify(initialInput);
  // The mapping guard's numbers while the mapping differs from what is stored (the save decides again).
  const mappingChanged =
    app !== null &&
    JSON.stringify(built.input.attributeMapping) !== JSON.stringify(initialInput.attributeMapping);
  const mappingPreview = useQuery({
    ...trpc.applications.previewMappingChange.queryOptions({
      id: app?.id ?? '',
      attributeMapping: built.input.attributeMapping,
    }),
    enabled: canManage && mappingChanged,
  });
  const update = (patch: Partial<TDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    onNotice(null);
  };

  const save = useMutation(
    trpc.applications.save.mutationOptions({
      onSuccess: async (result) => {
        await queryClient.invalidateQueries({ queryKey: trpc.applications.list.queryKey() });
        if (!app) {
          router.push(`/admin/applications/${result.id}?created=1`);
          return;
        }
        onNotice(
          result.replanning
            ? 'Saved. The people in this application are being re-planned with the new rules.'
            : 'Saved.',
        );
        // The editor remounts with what was stored (its key is the stored version).
        await queryClient.invalidateQueries({ queryKey: trpc.applications.get.queryKey({ id: app.id }) });
      },
    }),
  );
  const form = CONNECTOR_FORMS[draft.connectorType];
  // What the stored settings break is marked on its field as a save's error would be, until the field changes.
  const saveErrors = serverFieldErrors(save.error);
  const errors = {
    ...(app ? storedProblemErrors(form, app.configProblems, initial.settings, draft.settings) : {}),
    ...saveErrors,
  };
  const isHeld =
    mappingChanged && (isHeldAsMassChange(save.error) || Boolean(mappingPreview.data?.massChange.isHeld));
  // The tab of what the save refused ("Show it" beside its message).
  const errorTab = Object.keys(saveErrors)
    .map(tabOfField)
    .find((t) => t !== tab);

  useEffect(() => {
    if (!dirty || !canManage) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty, canManage]);

  const tabs: Array<TTab<TEditorTab>> = [
    { id: 'settings', label: 'Settings' },
    { id: 'mapping', label: 'Attribute mapping' },
    { id: 'rules', label: 'Account rules' },
    { id: 'entitlements', label: 'Entitlements', disabled: !app, hint: 'Create the application first' },
    { id: 'operations', label: 'Operations', disabled: !app, hint: 'Create the application first' },
    ...(canReadReconciliation
      ? [
          {
            id: 'reconciliation' as const,
            label: 'Reconciliation',
            disabled: !app,
            hint: 'Create the application first',
          },
        ]
      : []),
  ];
  const storedTest = (app?.lastTestResult ?? null) as TStoredTest | null;

  return (
    <>
      <PageHeader
        title={app ? app.name : 'New application'}
        description={
          app
            ? `${CONNECTOR_LABEL[app.connectorType]} · ${app.key}`
            : 'Connect a target system. Entitlements and operations follow once it exists.'
        }
        actions={
          app ? app.enabled ? <Badge tone="green">Enabled</Badge> : <Badge tone="gray">Disabled</Badge> : null
        }
      />
      {app && (!app.enabled || app.held.count > 0) ? (
        <section
          className="mb-5 rounded-md border border-amber-200 bg-amber-50 px-3 py-2"
          aria-label="Provisioning paused"
        >
          <HeldAccessSummary
            enabled={app.enabled}
            disabledAt={app.disabledAt}
            disabledBy={app.disabledBy}
            held={app.held}
          />
        </section>
      ) : null}
      {!canManage ? (
        <div className="mb-5">
          <Notice>You can read this application’s settings; only the identity team changes them.</Notice>
        </div>
      ) : null}
      {app && app.configProblems.length > 0 ? (
        <div className="mb-5">
          <Notice tone="error">
            <p>
              The stored settings break a rule this version checks: Gatehouse provisions and reconciles
              nothing in {app.name} until they are fixed and saved. They are marked under Settings.
            </p>
            <ul className="mt-1 list-disc pl-5">
              {app.configProblems.map((p) => (
                <li key={`${p.field}: ${p.message}`} className="break-words">
                  {storedProblemName(form, p.field)}: {p.message}
                </li>
              ))}
            </ul>
          </Notice>
        </div>
      ) : null}
      {notice ? (
        <div className="mb-5">
          <Notice tone="success">{notice}</Notice>
        </div>
      ) : null}
      <Tabs tabs={tabs} active={tab} onChange={onTabChange} label="Application">
        {DRAFT_TABS.includes(tab) ? (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              setTriedToSave(true);
              if (!canManage || blocker) return;
              if (switching) {
                save.reset();
                setConfirmingSwitch(true);
                return;
              }
              save.mutate({ ...built.input, ...confirmationFor(isHeld, reason) });
            }}
          >
            <TabPanel id={tab}>
              {tab === 'settings' ? (
                <SettingsTab
                  draft={draft}
                  update={update}
                  errors={errors}
                  app={app}
                  connectorTypes={connectorTypes}
                  teams={teams}
                  canManage={canManage}
                  dirty={dirty}
                  storedTest={storedTest}
                  settingErrors={built.settingErrors}
                  triedToSave={triedToSave}
                />
              ) : null}
              {tab === 'mapping' ? (
                <MappingTab
                  draft={draft}
                  update={update}
                  errors={errors}
                  info={info}
                  canManage={canManage}
                  change={mappingChanged ? (mappingPreview.data ?? null) : null}
                />
              ) : null}
              {tab === 'rules' ? (
                <AccountRulesTab
                  draft={draft}
                  update={update}
                  errors={errors}
                  info={info}
                  canManage={canManage}
                />
              ) : null}
            </TabPanel>
            {canManage ? (
              <div className="sticky bottom-0 z-10 mt-6 -mb-8 border-t border-slate-200 bg-slate-50/95 py-3 backdrop-blur">
                {isHeld ? (
                  <div className="mb-3">
                    <MassChangeConfirm
                      error={save.error}
                      verdict={mappingPreview.data?.massChange ?? null}
                      deed="change the accounts of"
                      reason={reason}
                      onReason={setReason}
                      fieldError={fieldError(errors, 'confirmMassChange')}
                    />
                  </div>
                ) : null}
                {save.error && !isHeldAsMassChange(save.error) ? (
                  <div className="mb-3">
                    <Notice tone="error">
                      Not saved: {errorMessage(save.error)}
                      {errorTab ? (
                        <>
                          {' '}
                          <button
                            type="button"
                            className="font-medium underline"
                            onClick={() => onTabChange(errorTab)}
                          >
                            Show it
                          </button>
                        </>
                      ) : null}
                    </Notice>
                  </div>
                ) : null}
                <div className="flex flex-wrap items-center justify-between gap-3">
                  <p
                    className={`text-sm ${blocker && dirty ? 'font-medium text-amber-800' : 'text-slate-600'}`}
                    aria-live="polite"
                  >
                    {blocker && dirty
                      ? blocker
                      : app
                        ? dirty
                          ? 'You have unsaved changes.'
                          : 'No unsaved changes.'
                        : 'Settings, mapping and account rules are saved together.'}
                  </p>
                  <div className="flex gap-2">
                    {app && dirty ? (
                      <Button variant="secondary" onClick={() => setDraft(initial)} disabled={save.isPending}>
                        Discard
                      </Button>
                    ) : null}
                    <Button type="submit" disabled={!dirty || save.isPending}>
                      {save.isPending ? 'Saving…' : app ? 'Save changes' : 'Create application'}
                    </Button>
                  </div>
                </div>
              </div>
            ) : null}
          </form>
        ) : null}
        {tab === 'entitlements' && app ? (
          <TabPanel id="entitlements">
            <EntitlementsTab applicationId={app.id} connectorType={app.connectorType} canManage={canManage} />
          </TabPanel>
        ) : null}
        {tab === 'reconciliation' && app ? (
          <TabPanel id="reconciliation">
            <ReconciliationTab applicationId={app.id} />
          </TabPanel>
        ) : null}
        {tab === 'operations' && app ? (
          <TabPanel id="operations">
            <ApplicationOperations applicationId={app.id} />
          </TabPanel>
        ) : null}
      </Tabs>
      {app ? (
        <ConfirmDialog
          open={confirmingSwitch}
          title={draft.enabled ? `Enable ${app.name}?` : `Disable ${app.name}?`}
          consequences={
            draft.enabled ? (
              <p>
                Provisioning to {app.name} starts again: everyone in it is re-planned, and{' '}
                {app.held.count === 0
                  ? 'no held changes are waiting.'
                  : `the changes held for ${countOf(app.held.count, 'person', 'people')} will be applied as the re-plan reaches them.`}{' '}
                Its scheduled reconciliation runs again.
              </p>
            ) : (
              <>
                <p>
                  Provisioning to {app.name} stops: Gatehouse sends it nothing, not new access, not
                  revocations, not leavers. Until you enable it again, those changes wait here, held, and
                  people keep in {app.name} what they have there now.
                </p>
                <p>
                  Its scheduled reconciliation stops too. Enabling it re-plans everyone and applies what
                  waited.
                </p>
              </>
            )
          }
          confirmLabel={draft.enabled ? 'Enable and save' : 'Disable and save'}
          tone={draft.enabled ? 'primary' : 'danger'}
          pending={save.isPending}
          error={save.error}
          onConfirm={() => save.mutate({ ...built.input, ...confirmationFor(isHeld, reason) })}
          onClose={() => setConfirmingSwitch(false)}
        />
      ) : null}
    </>
  );
}
