import type { TUserActor } from '@/server/auth/actor.ts';
import { inTransaction, type Prisma, type TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { isUniqueViolation } from '@/server/db/errors.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { notify } from '@/server/modules/notifications/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { findingContext, lockFindingForDecision, type TFindingForDecision } from './finding-for-decision.ts';
import { assertMayDecide } from './finding-scope.ts';

/*
 * "What does the person's manager think?" (issue 11, docs/decisions/061). Whoever may decide a
 * finding asks the manager of the person it is about; the manager is notified with a link to it,
 * may read that finding (get-finding.ts) and answers expected / not expected with a comment. One
 * open ask per finding: asking again while it waits is the same ask, and notifies nobody.
 */

export type TManagerAnswer = 'EXPECTED' | 'NOT_EXPECTED';

const findingLink = (id: string) => `/reconciliation/findings/${id}`;

async function personOf(tx: Prisma.TransactionClient, f: TFindingForDecision) {
  if (!f.identityId)
    throw new AppError(
      'CONFLICT',
      'This finding is about no person (an orphan account): there is no manager to ask',
    );
  return tx.identity.findUniqueOrThrow({
    where: { id: f.identityId },
    select: {
      id: true,
      displayName: true,
      managerId: true,
      manager: { select: { id: true, displayName: true } },
    },
  });
}

export async function askManager(
  db: TDb,
  actor: TUserActor,
  input: { findingId: string },
  deps: { queue: TJobQueue; now?: Date },
): Promise<{ askId: string; managerName: string; alreadyAsked: boolean }> {
  const now = deps.now ?? new Date();
  try {
    return await inTransaction(db, async (tx) => {
      const f = await lockFindingForDecision(tx, input.findingId);
      assertMayDecide(actor, f);
      if (f.status === 'RESOLVED')
        throw new AppError('CONFLICT', 'This finding is resolved: there is nothing left to ask about');
      const person = await personOf(tx, f);
      if (!person.manager) throw new AppError('CONFLICT', `${person.displayName} has no manager to ask`);
      const open = await tx.findingManagerAsk.findFirst({
        where: { findingId: f.id, answeredAt: null },
        select: { id: true },
      });
      if (open) return { askId: open.id, managerName: person.manager.displayName, alreadyAsked: true };
      const ask = await tx.findingManagerAsk.create({
        data: { findingId: f.id, managerId: person.manager.id, askedById: actor.identityId, askedAt: now },
        select: { id: true },
      });
      const what = f.entitlement
        ? `${f.entitlement.name} in ${f.application.name}`
        : `an account in ${f.application.name}`;
      await notify(
        tx,
        [
          {
            recipientId: person.manager.id,
            kind: 'reconciliation.manager_asked',
            title: `Is ${person.displayName}’s access to ${what} expected?`,
            body: `${f.application.name} holds access for ${person.displayName} that the portal did not plan. As their manager, say whether it is expected.`,
            link: findingLink(f.id),
          },
        ],
        deps,
      );
      await recordAuditEvent(tx, {
        actor,
        action: 'reconciliation.manager_asked',
        entityType: 'ReconciliationFinding',
        entityId: f.id,
        subjectId: f.identityId,
        applicationId: f.applicationId,
        after: { askId: ask.id, managerId: person.manager.id, manager: person.manager.displayName },
        metadata: findingContext(f),
      });
      return { askId: ask.id, managerName: person.manager.displayName, alreadyAsked: false };
    });
  } catch (error) {
    // Two owners asking at the same moment: the second finds the first's ask.
    if (isUniqueViolation(error)) {
      const open = await db.findingManagerAsk.findFirstOrThrow({
        where: { findingId: input.findingId, answeredAt: null },
        select: { id: true, manager: { select: { displayName: true } } },
      });
      return { askId: open.id, managerName: open.manager.displayName, alreadyAsked: true };
    }
    throw error;
  }
}

/**
 * The manager's answer. Only the current manager of the finding's person answers, and only while an
 * ask waits; everyone else is FORBIDDEN (the finding's existence is told to nobody else either).
 */
export async function answerManagerAsk(
  db: TDb,
  actor: TUserActor,
  input: { findingId: string; answer: TManagerAnswer; comment?: string | null },
  deps: { queue: TJobQueue; now?: Date },
): Promise<{ askId: string; answer: TManagerAnswer }> {
  const now = deps.now ?? new Date();
  const comment = input.comment?.trim() || null;
  return inTransaction(db, async (tx) => {
    const f = await lockFindingForDecision(tx, input.findingId);
    const person = f.identityId ? await personOf(tx, f) : null;
    if (!person || person.managerId !== actor.identityId)
      throw new AppError('FORBIDDEN', 'Only the manager of the person this finding is about answers it');
    const open = await tx.findingManagerAsk.findFirst({
      where: { findingId: f.id, answeredAt: null },
      select: { id: true, askedById: true },
    });
    if (!open) throw new AppError('CONFLICT', 'No question waits for your answer on this finding');
    await tx.findingManagerAsk.update({
      where: { id: open.id },
      data: { answer: input.answer, comment, answeredAt: now },
    });
    const words = input.answer === 'EXPECTED' ? 'expected: keep it' : 'not expected: remove it';
    await notify(
      tx,
      [
        {
          recipientId: open.askedById,
          kind: 'reconciliation.manager_answered',
          title: `${person.manager?.displayName ?? 'The manager'} answered about ${person.displayName}’s access`,
          body: `“${words}”${comment ? `: ${comment}` : ''}`,
          link: findingLink(f.id),
        },
      ],
      deps,
    );
    await recordAuditEvent(tx, {
      actor,
      action: 'reconciliation.manager_answered',
      entityType: 'ReconciliationFinding',
      entityId: f.id,
      subjectId: f.identityId,
      applicationId: f.applicationId,
      after: { askId: open.id, answer: input.answer, comment },
      metadata: findingContext(f),
    });
    return { askId: open.id, answer: input.answer };
  });
}
