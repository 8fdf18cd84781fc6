import { getIgnoringCase } from './filter/evaluate-filter.ts';
import { parseAttrPath, type TAttrPath } from './filter/parse-filter.ts';
import { ScimError } from './scim-error.ts';
import {
  assertNamesSchema,
  attributeInfo,
  ENTERPRISE_SCHEMA,
  KNOWN_SCHEMAS,
  PATCH_OP_SCHEMA,
  scimmy,
  type TResourceKind,
  type TScimDoc,
} from './scim-schemas.ts';
import { coerceScimValue, toScimError, withoutNulls } from './scim-resource.ts';

export type TPatchOperation = { op: 'add' | 'remove' | 'replace'; path?: string; value?: unknown };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const READ_ONLY: Record<TResourceKind, Set<string>> = {
  User: new Set(['id', 'meta', 'schemas', 'groups']),
  Group: new Set(['id', 'meta', 'schemas']),
};
const MANAGER_PATH = `${ENTERPRISE_SCHEMA}:manager`.toLowerCase();

/** The PatchOp message (RFC 7644 §3.5.2), with the shapes Entra ID and Okta really send normalised. */
export function parsePatchRequest(kind: TResourceKind, body: unknown): TPatchOperation[] {
  if (!isObject(body)) throw new ScimError(400, 'invalidSyntax', 'The body must be a PatchOp message');
  assertNamesSchema(body, PATCH_OP_SCHEMA, 'A PATCH body');
  const operations = getIgnoringCase(body, 'Operations');
  if (!Array.isArray(operations) || operations.length === 0)
    throw new ScimError(400, 'invalidValue', 'Operations must be a non-empty array');
  return operations.flatMap((raw, i) => normaliseOperation(kind, raw, i + 1));
}

function normaliseOperation(kind: TResourceKind, raw: unknown, n: number): TPatchOperation[] {
  if (!isObject(raw)) throw new ScimError(400, 'invalidSyntax', `Operation ${n} must be an object`);
  const opText = getIgnoringCase(raw, 'op');
  // Entra sends "Replace", "Add" and "Remove".
  const op = typeof opText === 'string' ? opText.toLowerCase() : '';
  if (op !== 'add' && op !== 'remove' && op !== 'replace')
    throw new ScimError(400, 'invalidSyntax', `Operation ${n}: op must be add, remove or replace`);
  const rawPath = getIgnoringCase(raw, 'path');
  if (rawPath !== undefined && rawPath !== null && typeof rawPath !== 'string')
    throw new ScimError(400, 'invalidPath', `Operation ${n}: path must be a string`);
  const path = typeof rawPath === 'string' && rawPath.trim() ? rawPath.trim() : undefined;
  // Entra sends `"$ref": null` inside member values; null means unassigned at any depth.
  const rawValue = getIgnoringCase(raw, 'value');
  const value = rawValue === null ? null : withoutNulls(rawValue);
  if (path) {
    assertWritable(kind, path, n);
    if (op === 'remove') return [{ op, path, ...(value === undefined ? {} : { value }) }];
    if (value === undefined && op === 'add')
      throw new ScimError(400, 'invalidValue', `Operation ${n}: add needs a value`);
    // null means "unassigned" (RFC 7643 §2.5): remove it.
    if (value === null || value === undefined) return [{ op: 'remove', path }];
    // An object is read as the same object without a path would be: nulls remove, replace merges.
    if (isObject(rawValue) && !/[[\]]/.test(path))
      return expandValueObject(kind, op, { [path]: rawValue }, '', n);
    return [{ op, path, value: normaliseValue(path, value) }];
  }
  if (op === 'remove') throw new ScimError(400, 'noTarget', `Operation ${n}: remove needs a path`);
  // Okta and Entra send `{ "op": "replace", "value": { "active": false } }`: one operation per attribute.
  if (!isObject(rawValue))
    throw new ScimError(400, 'invalidValue', `Operation ${n}: without a path, value must be an object`);
  return expandValueObject(kind, op, rawValue, '', n);
}

function expandValueObject(
  kind: TResourceKind,
  op: 'add' | 'replace',
  value: Record<string, unknown>,
  prefix: string,
  n: number,
): TPatchOperation[] {
  const out: TPatchOperation[] = [];
  for (const [key, v] of Object.entries(value)) {
    const path = `${prefix}${key}`;
    // Entra repeats the id in a path-less replace; it cannot change.
    if (!prefix && READ_ONLY[kind].has(key.toLowerCase())) continue;
    if (
      !prefix &&
      /^urn:/i.test(key) &&
      key.toLowerCase() === ENTERPRISE_SCHEMA.toLowerCase() &&
      isObject(v)
    ) {
      out.push(...expandValueObject(kind, op, v, `${key}:`, n));
    } else if (v === null) {
      out.push({ op: 'remove', path });
    } else if (
      isObject(v) &&
      (op === 'replace'
        ? mergesSubAttributes(kind, path)
        : Object.values(v).some((x) => x === null) && path.toLowerCase() !== MANAGER_PATH)
    ) {
      // `add` merges by itself; only its nulls need removing. `replace` is spelled out per sub-attribute.
      const kept = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null));
      if (op === 'add' && Object.keys(kept).length) out.push({ op, path, value: kept });
      for (const [sub, x] of Object.entries(v)) {
        if (x === null) out.push({ op: 'remove', path: `${path}.${sub}` });
        else if (op === 'replace') {
          assertWritable(kind, path, n);
          out.push({ op, path: `${path}.${sub}`, value: normaliseValue(`${path}.${sub}`, withoutNulls(x)) });
        }
      }
    } else {
      assertWritable(kind, path, n);
      out.push({ op, path, value: normaliseValue(path, withoutNulls(v)) });
    }
  }
  return out;
}

/**
 * RFC 7644 §3.5.2.3: replacing a singular complex attribute (name, manager) replaces the
 * sub-attributes its value names and leaves the others unchanged; scimmy replaces the whole
 * attribute, so such a replace is spelled out one sub-attribute at a time. The enterprise
 * extension, named as a whole, is the same: one replace per attribute. The manager is the exception:
 * its sub-attributes describe one referenced User, so a new value replaces the old manager whole.
 */
function mergesSubAttributes(kind: TResourceKind, path: string): boolean {
  const lower = path.toLowerCase();
  if (lower === ENTERPRISE_SCHEMA.toLowerCase()) return kind === 'User';
  if (lower === MANAGER_PATH || /[[\]]/.test(path)) return false;
  let parsed: TAttrPath;
  try {
    parsed = parseAttrPath(path, KNOWN_SCHEMAS);
  } catch {
    return false;
  }
  if (parsed.sub) return false;
  const info = attributeInfo(kind, parsed);
  return info?.type === 'complex' && !info.multiValued;
}

function assertWritable(kind: TResourceKind, path: string, n: number) {
  const root = path
    .replace(/^urn:ietf:params:scim:schemas:core:2\.0:(User|Group):/i, '')
    .split(/[.[]/)[0]!
    .toLowerCase();
  if (READ_ONLY[kind].has(root))
    throw new ScimError(400, 'mutability', `Operation ${n}: ${root} cannot be changed`);
}

/** Entra's `"active": "False"` and the manager as a bare id. */
function normaliseValue(path: string, value: unknown): unknown {
  const p = path.toLowerCase().replace(/^urn:ietf:params:scim:schemas:core:2\.0:user:/, '');
  if (p === 'active') return coerceScimValue('active', value);
  if (p === MANAGER_PATH && typeof value === 'string') return { value };
  return value;
}

const TYPED_ELEMENT = /^([A-Za-z][\w-]*)\[\s*type\s+eq\s+"([^"\\]*)"\s*\](?:\.([A-Za-z][\w-]*))?$/i;

/**
 * Applies operations one by one with scimmy's PatchOp, in memory: the caller stores the result
 * once, so a failing operation leaves nothing half-applied (RFC 7644 §3.5.2 atomicity).
 */
export async function applyPatch(
  kind: TResourceKind,
  doc: TScimDoc,
  operations: TPatchOperation[],
): Promise<TScimDoc> {
  const SCIMMY = scimmy();
  const Schema = kind === 'User' ? SCIMMY.Schemas.User : SCIMMY.Schemas.Group;
  let current: InstanceType<typeof Schema>;
  try {
    current = new Schema(doc, 'in');
  } catch (error) {
    throw toScimError(error);
  }
  for (const operation of operations) {
    current = await applyOne(current, operation).catch(async (error: unknown) => {
      const scim = toScimError(error);
      const typed = TYPED_ELEMENT.exec(operation.path ?? '');
      // Entra replaces `emails[type eq "work"].value` on people who have no work email yet: add one.
      if (scim.scimType === 'noTarget' && operation.op !== 'remove' && typed) {
        const element = typed[3]
          ? { type: typed[2], [typed[3]]: operation.value }
          : { ...(operation.value as object), type: typed[2] };
        return applyOne(current, { op: 'add', path: typed[1], value: [element] }).catch((e: unknown) => {
          throw toScimError(e);
        });
      }
      throw scim;
    });
  }
  return JSON.parse(JSON.stringify(current)) as TScimDoc;
}

async function applyOne<S extends object>(current: S, operation: TPatchOperation): Promise<S> {
  const message = new (scimmy().Messages.PatchOp)({
    schemas: [PATCH_OP_SCHEMA],
    Operations: [operation],
  } as never);
  const next = await message.apply(current as never);
  return (next ?? current) as S;
}
