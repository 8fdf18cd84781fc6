import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ConnectorType } from '@/prisma/generated/enums.ts';
import { CONNECTOR_FORMS } from '@/server/shared/connector-forms/connector-form-fields.ts';
import {
  formValuesOf,
  isShown,
  settingsOf,
  type TFormValues,
} from '@/server/shared/connector-forms/connector-form-values.ts';
import { CONNECTOR_DEFINITIONS } from './registry.ts';

/** A value every field accepts, by path; the rest get one by kind. */
const SAMPLES: Record<string, string> = {
  url: 'ldap://ldap.example.test:389',
  baseUrl: 'https://app.example.test/scim/v2',
  'auth.tokenUrl': 'https://login.example.test/token',
  'auth.audience': 'https://test.salesforce.com',
  loginUrl: 'https://acme.my.salesforce.com',
  defaultProfileId: '00e000000000001AAA',
  apiVersion: '61.0',
  timeoutMs: '5000',
  pageSize: '50',
  poolSize: '2',
  slaHours: '48',
  bulkThreshold: '100',
};
const sample = (path: string, kind: string) =>
  SAMPLES[path] ?? (kind === 'number' ? '10' : kind === 'list' ? 'a\nb' : `x-${path}`);

const readPath = (v: unknown, path: string) =>
  path
    .split('.')
    .reduce<unknown>(
      (at, k) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[k] : undefined),
      v,
    );

/** Every combination of the selects that other fields depend on (auth type, disable method, flow). */
function branches(type: ConnectorType): TFormValues[] {
  const form = CONNECTOR_FORMS[type];
  const deciders = [
    ...new Set(
      form.fields
        .flatMap((f) => (f.when ? [f.when.path] : []))
        .concat(form.secrets.flatMap((s) => (s.when ? [s.when.path] : []))),
    ),
  ];
  let combos: TFormValues[] = [{}];
  for (const path of deciders) {
    const options = form.fields.find((f) => f.path === path)?.options ?? [];
    combos = combos.flatMap((c) => options.map((o) => ({ ...c, [path]: o.value })));
  }
  return combos;
}

describe('connector settings forms against the connectors’ schemas', () => {
  for (const type of Object.keys(CONNECTOR_FORMS) as ConnectorType[]) {
    const def = CONNECTOR_DEFINITIONS[type]!;
    const form = CONNECTOR_FORMS[type];

    it(`${type}: every field filled in is a setting the schema reads and keeps, in every branch`, () => {
      for (const branch of branches(type)) {
        const values: TFormValues = {};
        for (const f of form.fields) {
          if (f.kind === 'select') values[f.path] = f.options!.at(-1)!.value;
          else if (f.kind === 'boolean') values[f.path] = !(f.defaultValue === true);
          else values[f.path] = sample(f.path, f.kind);
        }
        // A select another field depends on keeps the branch's value.
        Object.assign(values, branch);
        const config = settingsOf(form, values, {});
        const parsed = def.configSchema.safeParse(config);
        expect(
          parsed.success,
          `${type} ${JSON.stringify(branch)}: ${parsed.success ? '' : z.prettifyError(parsed.error)}`,
        ).toBe(true);
        for (const f of form.fields.filter((f) => isShown(f.when, values))) {
          const written = readPath(config, f.path);
          expect(readPath(parsed.data, f.path), `${type} ${f.path}`).toEqual(written);
        }
        // Read back, the form shows what was saved.
        const again = formValuesOf(form, parsed.data);
        for (const f of form.fields.filter((f) => isShown(f.when, values)))
          expect(again[f.path], `${type} ${f.path}`).toEqual(values[f.path]);
      }
    });

    it(`${type}: the secrets the form asks for are the ones the schema takes`, () => {
      const schema = def.secretsSchema;
      const options =
        schema instanceof z.ZodUnion ? (schema.options as z.ZodObject[]) : [schema as z.ZodObject];
      const names = new Set(options.flatMap((o) => (o instanceof z.ZodObject ? Object.keys(o.shape) : [])));
      expect(new Set(form.secrets.map((s) => s.name))).toEqual(names);
    });
  }

  it('keeps settings the form does not show, and drops those of a branch no longer chosen', () => {
    const form = CONNECTOR_FORMS.SCIM;
    const stored = {
      baseUrl: 'https://a.test/scim',
      auth: { type: 'oauthClientCredentials', tokenUrl: 'https://a.test/t', clientId: 'c' },
      custom: 1,
    };
    const values = { ...formValuesOf(form, stored), 'auth.type': 'bearer' };
    expect(settingsOf(form, values, stored)).toMatchObject({
      baseUrl: 'https://a.test/scim',
      auth: { type: 'bearer' },
      custom: 1,
    });
    expect(settingsOf(form, values, stored).auth).toEqual({ type: 'bearer' });
  });

  it('starts a new manual application with empty instructions, not the example text', () => {
    const values = formValuesOf(CONNECTOR_FORMS.MANUAL, {});
    expect(values).toEqual({ slaHours: '', instructions: '' });
    expect(settingsOf(CONNECTOR_FORMS.MANUAL, values, {})).toEqual({});
    expect(CONNECTOR_FORMS.MANUAL.canTest).toBe(false);
  });
});
