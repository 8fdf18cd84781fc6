import { describe, expect, it } from 'vitest';
import { draftOf, newDraft, toSaveInput, type TConnectorInfo, type TStoredApplication } from './draft.ts';

const info = (type: TConnectorInfo['type']): TConnectorInfo => ({
  type,
  label: type,
  defaultMapping: {},
  secretFields: [],
  configExample: { instructions: 'Open the admin console at …' },
});

const stored = (o: Partial<TStoredApplication>): TStoredApplication => ({
  id: 'a1',
  key: 'k',
  name: 'App',
  description: '',
  connectorType: 'SCIM',
  config: {},
  onDelete: 'DISABLE',
  onDeleteAttributes: {},
  attributeMapping: {},
  accountRules: {},
  concurrency: 4,
  enabled: true,
  owner: null,
  fulfilmentTeamId: null,
  ...o,
});

describe('the application draft and the settings it saves', () => {
  it('saves a new manual application without the example text as its instructions', () => {
    const draft = {
      ...newDraft(info('MANUAL')),
      name: 'Badge system',
      key: 'badge-system',
      fulfilmentTeamId: 't1',
    };
    const built = toSaveInput(draft, null, info('MANUAL'));
    expect(built.input.config).toEqual({});
    expect(built.settingErrors).toEqual({});
  });

  it('names the required LDAP settings left empty, and saves them once filled in', () => {
    const draft = newDraft(info('LDAP'));
    expect(Object.keys(toSaveInput(draft, null, info('LDAP')).settingErrors)).toEqual([
      'url',
      'bindDn',
      'baseDn',
    ]);
    const filled = {
      ...draft,
      settings: {
        ...draft.settings,
        url: 'ldap://dir:389',
        bindDn: 'cn=gh,dc=x',
        baseDn: 'dc=x',
        timeoutMs: 'soon',
      },
    };
    expect(toSaveInput(filled, null, info('LDAP')).settingErrors).toEqual({
      timeoutMs: 'Timeout (ms) must be a whole number.',
    });
    const built = toSaveInput(
      { ...filled, settings: { ...filled.settings, timeoutMs: '' }, secrets: { bindPassword: 'pw' } },
      null,
      info('LDAP'),
    );
    expect(built.input.config).toMatchObject({
      url: 'ldap://dir:389',
      bindDn: 'cn=gh,dc=x',
      baseDn: 'dc=x',
      disable: { method: 'lockAttribute' },
      tls: { startTls: false, rejectUnauthorized: true },
    });
    expect(built.input.config).not.toHaveProperty('timeoutMs');
    expect(built.input.secrets).toEqual({ bindPassword: 'pw' });
  });

  it('sends only the secrets of the chosen way of signing in, and keeps stored settings the form does not show', () => {
    const app = stored({
      config: { baseUrl: 'https://svc.test/scim', auth: { type: 'bearer' }, pageSize: 50, vendorQuirk: true },
    });
    const draft = draftOf(app, info('SCIM'));
    expect(draft.settings).toMatchObject({
      baseUrl: 'https://svc.test/scim',
      'auth.type': 'bearer',
      pageSize: '50',
    });
    // Unchanged, the settings save back as they were.
    expect(toSaveInput(draft, app.id, info('SCIM')).input.config).toMatchObject({
      baseUrl: 'https://svc.test/scim',
      auth: { type: 'bearer' },
      pageSize: 50,
      vendorQuirk: true,
    });
    const switched = {
      ...draft,
      settings: { ...draft.settings, 'auth.type': 'basic' },
      secrets: { token: 'old-token', username: 'svc', password: 'pw' },
    };
    expect(toSaveInput(switched, app.id, info('SCIM')).input.secrets).toEqual({
      username: 'svc',
      password: 'pw',
    });
  });
});
