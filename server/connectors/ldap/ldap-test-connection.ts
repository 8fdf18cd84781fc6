import type { TTestResult } from '../sdk/connector.ts';
import { disabledDn, groupsDn, peopleDn } from './ldap-config.ts';
import type { TLdapContext } from './ldap-context.ts';
import { readEntry } from './ldap-entries.ts';
import { toConnectorError } from './ldap-errors.ts';

const PAGED_RESULTS = '1.2.840.113556.1.4.319';

/** Answers what an administrator needs to fix a setting: reachable? bound? which entries are missing? */
export async function testConnection(ctx: TLdapContext): Promise<TTestResult> {
  const { config } = ctx;
  const transport = config.url.startsWith('ldaps:') ? 'ldaps' : config.tls.startTls ? 'startTls' : 'plain';
  const details: Record<string, unknown> = { url: config.url, transport, bindDn: config.bindDn };
  const parked = disabledDn(config);
  const places: Record<string, string> = {
    base: config.baseDn,
    peopleOu: peopleDn(config),
    groupsOu: groupsDn(config),
    ...(parked ? { disabledOu: parked } : {}),
  };
  try {
    const { found, pagedResults } = await ctx.pool.run('test connection', async (c) => {
      const rootDse = await readEntry(c, '', ['supportedControl']);
      const found: Record<string, boolean> = {};
      for (const [name, dn] of Object.entries(places)) {
        found[name] = (await readEntry(c, dn, ['1.1'])) !== null;
      }
      return { found, pagedResults: rootDse?.get('supportedControl').includes(PAGED_RESULTS) ?? false };
    });
    const missing = Object.entries(places).filter(([name]) => !found[name]);
    const message = [
      `Reached ${config.url} (${transport}) and bound as ${config.bindDn}.`,
      missing.length
        ? `Missing: ${missing.map(([name, dn]) => `${name} ${dn}`).join('; ')}.`
        : `Found ${Object.values(places).join('; ')}.`,
    ].join(' ');
    return {
      ok: missing.length === 0,
      message,
      details: { ...details, reachable: true, bound: true, found, pagedResults },
    };
  } catch (error) {
    const e = toConnectorError(error, `test connection to ${config.url}`);
    const reachable = e.kind !== 'connectionFailed' && e.kind !== 'timeout';
    return {
      ok: false,
      message: `${e.kind}: ${e.message}`,
      details: { ...details, reachable, bound: false, errorKind: e.kind },
    };
  }
}
