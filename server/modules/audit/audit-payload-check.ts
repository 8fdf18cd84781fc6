import { AUDIT_ACTIONS, type TAuditAction, type TAuditActionSpec } from './audit-actions.ts';

type TStoredPayload = { before: unknown; after: unknown; metadata: unknown };

/**
 * Why a stored payload does not fit its action's schemas, or null. A part the action declares may be
 * null (older rows, a creation's `before`); a part it does not declare must be empty.
 */
export function auditPayloadProblem(action: TAuditAction, payload: TStoredPayload): string | null {
  const schemas: TAuditActionSpec['payload'] = AUDIT_ACTIONS[action].payload;
  for (const part of ['before', 'after', 'metadata'] as const) {
    const value = payload[part];
    const schema = schemas[part];
    const empty = value === null || value === undefined || (part === 'metadata' && isEmptyObject(value));
    if (!schema) {
      if (!empty && !(part === 'metadata' && onlyApplication(value)))
        return `${part} is not part of this action's payload`;
      continue;
    }
    if (value === null || value === undefined) continue;
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return `${part}.${issue.path.map(String).join('.')}: ${issue.message}`;
    }
  }
  return null;
}

const isEmptyObject = (v: unknown) => typeof v === 'object' && v !== null && Object.keys(v).length === 0;
/** Keys recordAuditEvents adds to any event's metadata: the application it is about, the API token used, the channel (Slack). */
const ADDED_KEYS = new Set(['applicationId', 'apiTokenId', 'channel']);
const onlyApplication = (v: unknown) =>
  typeof v === 'object' && v !== null && Object.keys(v).every((k) => ADDED_KEYS.has(k));
