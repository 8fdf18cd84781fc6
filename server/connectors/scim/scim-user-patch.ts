import type { TAttributes } from '../sdk/connector.ts';
import type { TScimConfig } from './scim-config.ts';
import type { TScimRequest } from './scim-http.ts';
import {
  field,
  patchPath,
  readFlat,
  sameValue,
  topLevelOf,
  valueAtPatchPath,
  withSchemas,
  writeFlat,
} from './scim-user-mapping.ts';

export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

type TOp = { op: 'add' | 'replace' | 'remove'; path?: string; value?: unknown };
export type TUserChange = { attributes?: TAttributes; active?: boolean; userName?: string };

export const patchBody = (ops: TOp[]) => ({ schemas: [PATCH_SCHEMA], Operations: ops });

/**
 * The one write that turns `current` into the desired user, or null when it already matches: the
 * noop check every caller relies on. Only attributes that differ are sent.
 */
export function planUserUpdate(
  path: string,
  current: Record<string, unknown>,
  change: TUserChange,
  style: TScimConfig['patchStyle']['updates'],
): TScimRequest | null {
  const changed = Object.entries(change.attributes ?? {}).filter(
    ([key, value]) => !sameValue(readFlat(current, key), value),
  );
  const activeChanges = change.active !== undefined && (current.active !== false) !== change.active;
  const renames = change.userName !== undefined && current.userName !== change.userName;
  if (changed.length === 0 && !activeChanges && !renames) return null;

  const next: Record<string, unknown> = structuredClone(current);
  for (const [key, value] of changed) writeFlat(next, key, value);
  if (activeChanges) next.active = change.active;
  if (renames) next.userName = change.userName;

  if (style === 'put') {
    // meta and groups are read-only (RFC 7643 §3.1, §4.1.2); some servers refuse to see them on PUT.
    const { meta: _meta, groups: _groups, ...body } = next;
    return { method: 'PUT', path, body: withSchemas(body) };
  }
  const scalars: Record<string, unknown> = {};
  if (activeChanges) scalars.active = change.active;
  if (renames) scalars.userName = change.userName;

  const removals = new Map<string, TOp>();
  const replacements = new Map<string, TOp>();
  const valueObject: Record<string, unknown> = { ...scalars };
  for (const [key] of changed) {
    const p = patchPath(key);
    const value = valueAtPatchPath(next, key);
    if (value === undefined) removals.set(p, { op: 'remove', path: p });
    else if (style === 'valueObject') valueObject[topLevelOf(key)] = field(next, topLevelOf(key));
    else replacements.set(p, { op: 'replace', path: p, value });
  }
  const ops: TOp[] = [...removals.values()];
  if (style === 'valueObject') {
    if (Object.keys(valueObject).length) ops.push({ op: 'replace', value: valueObject });
  } else {
    for (const [key, value] of Object.entries(scalars)) ops.push({ op: 'replace', path: key, value });
    ops.push(...replacements.values());
  }
  return { method: 'PATCH', path, body: patchBody(ops) };
}
