import type { TDb } from '@/server/db/client.ts';
import { fromStoredSodCheck } from '@/server/modules/sod/index.ts';

type TRequestForSod = {
  id: string;
  decidedAt: Date | null;
  sodEvaluation: unknown;
  beneficiary: { id: string };
  stages: Array<{ steps: Array<{ status: string; decidedAt: Date | null }> }>;
};

export type TSodCheckEvidence = {
  when: 'SUBMITTED' | 'LAST_APPROVAL';
  checkedAt: Date;
  isBlocked: boolean | null;
  needsMitigation: boolean | null;
  conflicts: Array<{
    ruleName: string;
    severity: 'BLOCK' | 'MITIGATABLE' | null;
    status: string;
    explanation: string | null;
  }>;
};

type TSubmittedSod = Array<{ rule?: string; status?: string }>;

/**
 * The segregation-of-duties checks a request went through and the mitigating controls that bear on
 * it. The request keeps its latest check (submission, then each approval checks again and replaces
 * it); when an approval has replaced it, the check at submission is read back from the audit trail's
 * `request.created` event, which recorded each conflict's rule and status.
 */
export async function loadRequestSodEvidence(db: TDb, request: TRequestForSod, now: Date) {
  const stored = fromStoredSodCheck(request.sodEvaluation);
  const approvedSince = request.stages.some((s) =>
    s.steps.some((x) => x.status === 'APPROVED' && x.decidedAt),
  );
  const checks: TSodCheckEvidence[] = [];
  if (approvedSince) {
    const created = await db.auditEvent.findFirst({
      where: { entityType: 'AccessRequest', entityId: request.id, action: 'request.created' },
      orderBy: { id: 'asc' },
      select: { occurredAt: true, after: true },
    });
    const sod = (created?.after as { sod?: TSubmittedSod } | null)?.sod;
    if (created && Array.isArray(sod)) {
      checks.push({
        when: 'SUBMITTED',
        checkedAt: created.occurredAt,
        isBlocked: null,
        needsMitigation: null,
        conflicts: sod.map((c) => ({
          ruleName: String(c.rule ?? ''),
          severity: null,
          status: String(c.status ?? ''),
          explanation: null,
        })),
      });
    }
  }
  if (stored) {
    checks.push({
      when: approvedSince ? 'LAST_APPROVAL' : 'SUBMITTED',
      checkedAt: stored.checkedAt,
      isBlocked: stored.isBlocked,
      needsMitigation: stored.needsMitigation,
      conflicts: stored.conflicts.map((c) => ({
        ruleName: c.ruleName,
        severity: c.severity,
        status: c.status,
        explanation: c.explanation,
      })),
    });
  }
  const ruleIds = [...new Set(stored?.conflicts.map((c) => c.ruleId) ?? [])];
  const mitigations = ruleIds.length
    ? await db.sodMitigation.findMany({
        where: { identityId: request.beneficiary.id, ruleId: { in: ruleIds } },
        orderBy: { createdAt: 'asc' },
        select: {
          id: true,
          control: true,
          createdAt: true,
          expiresAt: true,
          revokedAt: true,
          createdById: true,
          rule: { select: { name: true } },
        },
      })
    : [];
  const creatorIds = [...new Set(mitigations.flatMap((m) => (m.createdById ? [m.createdById] : [])))];
  const [creators, recordedHere] = await Promise.all([
    creatorIds.length
      ? db.identity.findMany({ where: { id: { in: creatorIds } }, select: { id: true, displayName: true } })
      : Promise.resolve([]),
    // A control recorded by a decision on this request (the audit trail names the request).
    mitigations.length
      ? db.auditEvent.findMany({
          where: {
            action: 'sod.mitigated',
            entityType: 'SodMitigation',
            entityId: { in: mitigations.map((m) => m.id) },
            metadata: { path: ['requestId'], equals: request.id },
          },
          select: { entityId: true },
        })
      : Promise.resolve([]),
  ]);
  const inForceAt = (m: { createdAt: Date; expiresAt: Date; revokedAt: Date | null }, at: Date) =>
    m.createdAt <= at && m.expiresAt > at && (!m.revokedAt || m.revokedAt > at);
  return {
    checks,
    mitigations: mitigations.map(({ rule, createdById, ...m }) => ({
      ...m,
      ruleName: rule.name,
      recordedBy: creators.find((c) => c.id === createdById)?.displayName ?? null,
      state:
        m.revokedAt && m.revokedAt <= now
          ? ('REVOKED' as const)
          : m.expiresAt <= now
            ? ('EXPIRED' as const)
            : ('IN_FORCE' as const),
      recordedForThisRequest: recordedHere.some((e) => e.entityId === m.id),
      // Recorded by the deciding approval itself, or in force at that moment. (The database's clock
      // stamps the control, the application's the decision: the two are not compared for that case.)
      inForceWhenDecided: request.decidedAt
        ? recordedHere.some((e) => e.entityId === m.id) || inForceAt(m, request.decidedAt)
        : null,
    })),
  };
}
