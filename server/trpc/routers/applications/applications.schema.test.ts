import { describe, expect, it } from 'vitest';
import { ZSaveApplicationInput } from './applications.schema.ts';
import { ZPreviewMappingInput } from './preview-mapping.schema.ts';

const attributes = (count: number, name = (i: number) => `attr${i}`) =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [name(i), 'x']));

const save = (fields: Record<string, unknown>) =>
  ZSaveApplicationInput.safeParse({
    key: 'hr-app',
    name: 'HR app',
    connectorType: 'MANUAL',
    config: {},
    onDelete: 'UPDATE',
    concurrency: 1,
    enabled: true,
    ownerId: null,
    fulfilmentTeamId: null,
    ...fields,
  });

const preview = (attributeMapping: Record<string, string>) =>
  ZPreviewMappingInput.safeParse({
    identityId: '00000000-0000-4000-8000-000000000000',
    connectorType: 'LDAP',
    attributeMapping,
  });

describe('attribute maps an application takes', () => {
  it('take at most 100 attributes, named as a directory names them, on every procedure', () => {
    expect(save({ onDeleteAttributes: attributes(100) }).success).toBe(true);
    expect(save({ onDeleteAttributes: attributes(101) }).success).toBe(false);
    expect(save({ onDeleteAttributes: { 'not an attribute': 'x' } }).success).toBe(false);
    expect(save({ onDeleteAttributes: { ['a'.repeat(201)]: 'x' } }).success).toBe(false);
    expect(save({ attributeMapping: attributes(101) }).success).toBe(false);
    expect(preview(attributes(100)).success).toBe(true);
    expect(preview(attributes(10_000)).success).toBe(false);
    expect(preview({ '': 'x' }).success).toBe(false);
  });
});
