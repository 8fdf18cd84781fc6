// The identity attribute registry is the one list: every place that handles attributes takes each
// of its attributes, and no file keeps a list of its own. Adding a profile attribute to the registry
// (and its column) must make every check here pass without touching another file.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ATTRIBUTE_LABEL } from '@/app/(portal)/admin/birthright/condition-text.ts';
import {
  FIELDS,
  MOVER_ATTRIBUTES,
  PRECEDENCE_ATTRIBUTES,
} from '@/app/(portal)/admin/sources/source-draft.ts';
import { BULK_COLUMNS } from '@/server/db/bulk-columns.ts';
import { ZBirthrightClause } from '@/server/modules/birthright/birthright-condition.ts';
import { IDENTITY_LIMITS } from '@/server/modules/identities/identity-limits.ts';
import { VIEW_ATTRIBUTE_OF } from '@/server/modules/lifecycle/person-attributes.ts';
import {
  toAttributeView,
  toStoredRecord,
  VIEW_ATTRIBUTES,
} from '@/server/modules/lifecycle/attribute-view.ts';
import { classifyLifecycle, type TLifecycleFacts } from '@/server/modules/lifecycle/classify-lifecycle.ts';
import {
  changedColumns,
  IDENTITY_ROW_SELECT,
  type TIdentityRow,
} from '@/server/modules/lifecycle/identity-store.ts';
import { ZSourceRecord } from '@/server/modules/lifecycle/source-record.ts';
import {
  MAPPING_SOURCE_SELECT,
  renderTemplate,
  SAMPLE_PERSON,
} from '@/server/modules/provisioning/attribute-mapping.ts';
import { mapUserAttributes } from '@/server/modules/scim-server/user-record.ts';
import { ENTERPRISE_SCHEMA } from '@/server/modules/scim-server/scim-schemas.ts';
import { SOURCE_FIELDS, ZSourceConfig } from '@/server/modules/sources/source-config.ts';
import { expectedColumns } from '@/server/modules/sources/source-columns.ts';
import { ZPersonFields } from '@/server/trpc/routers/directory/person.schema.ts';
import { ZGetIdentityOutput } from '@/server/trpc/routers/directory/get-identity.schema.ts';
import {
  IDENTITY_ATTRIBUTES,
  MAPPING_VARIABLES,
  PROFILE_ATTRIBUTES,
  sourceRecordFields,
  type TIdentityAttribute,
} from './identity-attributes.ts';

const ALL = Object.keys(IDENTITY_ATTRIBUTES) as TIdentityAttribute[];

const row: TIdentityRow = {
  id: '00000000-0000-4000-8000-000000000001',
  employeeNumber: 'E1',
  username: 'jo',
  email: 'jo@example.test',
  firstName: 'Jo',
  lastName: 'Lee',
  displayName: 'Jo Lee',
  ...(Object.fromEntries(PROFILE_ATTRIBUTES.map((a) => [a, 'before'])) as Record<
    (typeof PROFILE_ATTRIBUTES)[number],
    string
  >),
  employmentType: 'EMPLOYEE',
  status: 'ACTIVE',
  startDate: null,
  endDate: null,
  managerId: null,
  attributes: {},
  terminatedAt: null,
};

describe('the identity attribute registry', () => {
  it('every attribute but the username is decided by precedence, and the source editor offers it', () => {
    const decided = ALL.filter((a) => a !== 'username');
    expect(VIEW_ATTRIBUTES.filter((a) => a !== 'attributes')).toEqual(decided);
    expect(PRECEDENCE_ATTRIBUTES).toEqual(decided);
  });

  it('every attribute an HR record can carry is a source field with a column, a label and a limit', () => {
    const recordFields = ALL.map((a) => (a === 'manager' ? 'managerEmployeeNumber' : a));
    expect(SOURCE_FIELDS).toEqual(expect.arrayContaining(recordFields));
    const columns = expectedColumns(ZSourceConfig.parse({}));
    const labelled = new Set(FIELDS.map(([field]) => field as string));
    for (const field of recordFields) {
      expect(
        columns.some((c) => c.fields.includes(field)),
        field,
      ).toBe(true);
      expect(labelled.has(field), field).toBe(true);
    }
    for (const [a, spec] of Object.entries(IDENTITY_ATTRIBUTES))
      if ('maxLength' in spec)
        expect(IDENTITY_LIMITS[a as keyof typeof IDENTITY_LIMITS]).toBe(spec.maxLength);
  });

  it('every mapping variable renders in a template, read from the identity', () => {
    for (const v of MAPPING_VARIABLES) {
      expect(renderTemplate(`{${v}}`, { ...SAMPLE_PERSON, [v]: 'Value' }), v).toBe('Value');
      expect(MAPPING_SOURCE_SELECT[v], v).toBe(true);
    }
  });

  it('a SCIM User sets each attribute the registry places in the enterprise extension', () => {
    for (const [a, spec] of Object.entries(IDENTITY_ATTRIBUTES)) {
      if (!('scimEnterprise' in spec)) continue;
      const mapped = mapUserAttributes({ [ENTERPRISE_SCHEMA]: { [spec.scimEnterprise]: 'Value' } });
      expect(mapped[a as keyof typeof mapped], a).toBe('Value');
    }
  });

  it.each(PROFILE_ATTRIBUTES)('%s is taken everywhere a profile attribute is', (a) => {
    // Ingestion: a record carries it, within its limit, and the source's view holds it.
    const record = ZSourceRecord.parse({ externalId: 'E1', [a]: ' Value ' });
    expect(toAttributeView(toStoredRecord(record))[a]).toBe('Value');
    const max = IDENTITY_ATTRIBUTES[a].maxLength;
    expect(ZSourceRecord.safeParse({ externalId: 'E1', [a]: 'x'.repeat(max + 1) }).success).toBe(false);
    // The identity row: read, compared, written.
    expect(IDENTITY_ROW_SELECT[a]).toBe(true);
    expect(changedColumns(row, { ...row, [a]: 'after' })).toEqual([a]);
    expect((BULK_COLUMNS.Identity as Record<string, string>)[a]).toBe('text');
    // Templates, birthright conditions and movers.
    expect(MAPPING_VARIABLES).toContain(a);
    expect(ZBirthrightClause.safeParse({ attribute: a, op: 'equals', values: ['Value'] }).success).toBe(true);
    expect(ATTRIBUTE_LABEL[a]).toBe(IDENTITY_ATTRIBUTES[a].label);
    const facts = row as TLifecycleFacts;
    expect(classifyLifecycle(facts, { ...facts, [a]: 'after' })).toEqual(['MOVER']);
    expect(MOVER_ATTRIBUTES).toContain(a);
    // By hand and on the person's page.
    expect(VIEW_ATTRIBUTE_OF[a]).toBe(a);
    expect(ZPersonFields.shape).toHaveProperty(a);
    expect(ZGetIdentityOutput.shape).toHaveProperty(a);
  });

  it('no file keeps a list of attributes of its own', () => {
    // A list of the attributes names cost center; only these files may, each for the reason given.
    const allowed = new Map([
      ['server/shared/identity-attributes.ts', 'the registry'],
      [
        'server/connectors/scim/scim-user-mapping.ts',
        "a SCIM target's enterprise attribute, not the identity's",
      ],
      ['server/connectors/registry.ts', "the SCIM connector's default template, a value"],
      [
        'server/modules/reconciliation/reconciliation-states.ts',
        'a raw-SQL row read for speed; moves in issue 14',
      ],
    ]);
    const root = path.resolve(import.meta.dirname, '../..');
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
        const rel = path.posix.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!['server/seed', 'server/testing', 'node_modules'].includes(rel)) walk(rel);
        } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
          if (fs.readFileSync(path.join(root, rel), 'utf8').includes('costCenter')) found.push(rel);
        }
      }
    };
    for (const dir of ['app', 'server', 'jobs']) walk(dir);
    expect(found.sort()).toEqual([...allowed.keys()].sort());
  });
});

describe('a source record as a page shows it', () => {
  it('puts the registry’s attributes first, in its order and with its labels, then the fields it does not know', () => {
    expect(
      sourceRecordFields({
        status: 'ACTIVE',
        badgeColour: 'blue',
        managerEmployeeNumber: 'E1003',
        email: 'alice@acme.test',
        employeeNumber: 'E1004',
        endDate: null,
      }),
    ).toEqual([
      { key: 'employeeNumber', label: 'Employee number', value: 'E1004' },
      { key: 'email', label: 'Email', value: 'alice@acme.test' },
      { key: 'status', label: 'Status', value: 'ACTIVE' },
      { key: 'endDate', label: 'End date', value: null },
      { key: 'managerEmployeeNumber', label: 'Manager (employee number)', value: 'E1003' },
      { key: 'badgeColour', label: 'badgeColour', value: 'blue' },
    ]);
  });

  it('labels a SCIM record’s own fields and leaves its document out', () => {
    expect(
      sourceRecordFields({
        raw: '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"]}',
        attributes: '{"badge":"7"}',
        managerReference: 'mark',
        active: 'true',
        managerIdentityId: '0b7c…',
        username: 'alice',
      }),
    ).toEqual([
      { key: 'username', label: 'Username', value: 'alice' },
      { key: 'managerIdentityId', label: 'Manager (Gatehouse id)', value: '0b7c…' },
      { key: 'managerReference', label: 'Manager (as the source names them)', value: 'mark' },
      { key: 'active', label: 'Active', value: 'true' },
    ]);
  });
});
