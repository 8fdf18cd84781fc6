import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startSlapd, type TSlapd } from '@/server/infra/slapd.ts';
import { ConnectorError } from '../sdk/connector-error.ts';
import type { TLdapConfig } from './ldap-config.ts';
import { subtree, connectorFor, exists, type TLdapFixture } from '@/server/testing/ldap-fixtures.ts';

/** A slapd of its own with TLS: a CA made for it, ldaps:// beside ldap:// (which offers StartTLS). */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-ldap-tls-'));
let slapd: TSlapd;
let f: TLdapFixture;
beforeAll(async () => {
  slapd = await startSlapd({ dir: tmp, tls: true });
  f = await subtree(
    { url: slapd.url, bindDn: slapd.rootDn, bindPassword: slapd.rootPassword },
    slapd.suffix,
    'tls',
  );
});
afterAll(async () => {
  await slapd?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const ldaps = (tls: Partial<TLdapConfig['tls']>) =>
  connectorFor(f, { url: slapd.tls!.url, tls: { startTls: false, rejectUnauthorized: true, ...tls } });
const startTls = (tls: Partial<TLdapConfig['tls']>, url = slapd.url) =>
  connectorFor(
    { ...f, config: { ...f.config, url } },
    { tls: { startTls: true, rejectUnauthorized: true, ...tls } },
  );

async function expectCertificateRefused(connector: ReturnType<typeof connectorFor>) {
  const error = await connector
    .createAccount({ username: 'never', attributes: {}, enabled: true })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConnectorError);
  // A certificate nobody trusts does not get better by retrying.
  expect(error).toMatchObject({ kind: 'invalidConfig', isRetryable: false });
  expect((error as Error).message).toMatch(/certificate/i);
  const report = await connector.testConnection();
  expect(report).toMatchObject({
    ok: false,
    details: { reachable: true, bound: false, errorKind: 'invalidConfig' },
  });
  await connector.close();
}

describe('LDAP over TLS against a real slapd', () => {
  it('works over ldaps:// when the CA is given and verified', async () => {
    const connector = ldaps({ caCertPem: slapd.tls!.caCertPem });
    const report = await connector.testConnection();
    expect(report).toMatchObject({ ok: true, details: { transport: 'ldaps', reachable: true, bound: true } });
    const { nativeId } = await connector.createAccount({
      username: 'over-ldaps',
      attributes: {},
      enabled: true,
    });
    expect(await exists(f, nativeId)).toBe(true);
    await connector.close();
  });

  it('works with StartTLS on ldap:// when the CA is given and verified', async () => {
    const connector = startTls({ caCertPem: slapd.tls!.caCertPem });
    expect(await connector.testConnection()).toMatchObject({ ok: true, details: { transport: 'startTls' } });
    const { nativeId } = await connector.createAccount({
      username: 'over-starttls',
      attributes: {},
      enabled: true,
    });
    expect(await exists(f, nativeId)).toBe(true);
    await connector.close();
  });

  it('refuses an untrusted certificate over ldaps:// with a permanent invalidConfig error', async () => {
    await expectCertificateRefused(ldaps({}));
  });

  it('refuses an untrusted certificate with StartTLS the same way', async () => {
    await expectCertificateRefused(startTls({}));
  });

  it('refuses StartTLS to a directory that has no certificate, permanently', async () => {
    const connector = startTls({ caCertPem: slapd.tls!.caCertPem }, inject('ldap').url);
    const error = await connector.listAccounts(null, 1).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'invalidConfig', isRetryable: false });
    await connector.close();
  });

  it('accepts any certificate only when verification is explicitly turned off', async () => {
    const connector = ldaps({ rejectUnauthorized: false });
    expect((await connector.testConnection()).ok).toBe(true);
    await connector.close();
  });
});
