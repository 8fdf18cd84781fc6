export type TStoredStage = {
  kind: string;
  status: string;
  quorum: number;
  steps: Array<{ approverId: string; status: string; escalatedFromId: string | null }>;
};

/**
 * The drafted approval stages the request has no stage for. A stored approval stage stands for a
 * drafted one when every approval it can collect is one the drafted stage would accept (its approvers
 * as drawn, and anyone escalation or a stand-in added who has approved, are among the drafted stage's) and it
 * needs at least as many: then its approval is that stage's approval. Names are not compared: two
 * stages of one policy may share a name, a renamed stage is the same stage, and a stage of another
 * policy with the same name may ask other people (“Review” by the manager is not “Review” by
 * security). Each stored stage stands for one drafted stage at most.
 */
export function missingStages<
  T extends { kind: string; required: number; approvers: Array<{ identityId: string }> },
>(stored: readonly TStoredStage[], drafted: readonly T[]): T[] {
  const unused = stored
    // A stage skipped or cancelled approved nothing.
    .filter((s) => s.kind === 'APPROVAL' && s.status !== 'SKIPPED' && s.status !== 'CANCELLED')
    .map((s) => ({
      quorum: s.quorum,
      // Its approvers as drawn, and whoever has approved in it (an escalation's or a stand-in's approval
      // counts as the stage's): a stage one of them decided stands only for a stage that accepts them.
      approvers: new Set(
        s.steps.filter((x) => x.escalatedFromId === null || x.status === 'APPROVED').map((x) => x.approverId),
      ),
    }));
  return drafted.filter((d) => {
    if (d.kind !== 'APPROVAL') return false;
    const accepted = new Set(d.approvers.map((a) => a.identityId));
    const i = unused.findIndex(
      (s) => s.quorum >= d.required && s.approvers.size > 0 && [...s.approvers].every((a) => accepted.has(a)),
    );
    if (i < 0) return true;
    unused.splice(i, 1);
    return false;
  });
}
