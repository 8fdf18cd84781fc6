export type TStepState = 'PENDING' | 'APPROVED' | 'DENIED' | 'SKIPPED' | 'CANCELLED';
export type TStageOutcome = 'APPROVED' | 'DENIED' | 'PENDING';

type TStepLike = { id: string; status: TStepState; escalatedFromId: string | null };

/**
 * A seat is one approver's place in a stage: the step first assigned plus any escalation of it.
 * Whoever decides a seat decides it for all of its steps.
 */
export function seatsOf<T extends TStepLike>(steps: readonly T[]): T[][] {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const rootOf = (s: T): string => {
    let current = s;
    for (let i = 0; i < 20 && current.escalatedFromId && byId.has(current.escalatedFromId); i++)
      current = byId.get(current.escalatedFromId)!;
    return current.id;
  };
  const seats = new Map<string, T[]>();
  for (const s of steps) {
    const root = rootOf(s);
    seats.set(root, [...(seats.get(root) ?? []), s]);
  }
  return [...seats.values()];
}

export function seatState(seat: readonly TStepLike[]): TStepState {
  if (seat.some((s) => s.status === 'APPROVED')) return 'APPROVED';
  if (seat.some((s) => s.status === 'DENIED')) return 'DENIED';
  if (seat.some((s) => s.status === 'PENDING')) return 'PENDING';
  return 'SKIPPED';
}

export type TStageProgress = {
  outcome: TStageOutcome;
  approvals: number;
  denials: number;
  open: number;
  required: number;
  seats: number;
};

/**
 * How a stage stands. ANY: the first decision is the stage's. ALL: one denial denies, every seat
 * must approve. QUORUM (N of M): N approvals approve; once N can no longer be reached, it is denied.
 */
export function computeStageOutcome(
  stage: { mode: 'ANY' | 'ALL' | 'QUORUM'; quorum: number },
  steps: readonly TStepLike[],
): TStageProgress {
  const states = seatsOf(steps)
    .map(seatState)
    .filter((s) => s !== 'SKIPPED' && s !== 'CANCELLED');
  const approvals = states.filter((s) => s === 'APPROVED').length;
  const denials = states.filter((s) => s === 'DENIED').length;
  const open = states.filter((s) => s === 'PENDING').length;
  const required = stage.mode === 'ANY' ? 1 : stage.mode === 'ALL' ? states.length : stage.quorum;
  const progress = { approvals, denials, open, required, seats: states.length };
  switch (stage.mode) {
    case 'ANY':
      if (approvals > 0) return { ...progress, outcome: 'APPROVED' };
      if (denials > 0 || open === 0) return { ...progress, outcome: 'DENIED' };
      return { ...progress, outcome: 'PENDING' };
    case 'ALL':
      if (denials > 0 || states.length === 0) return { ...progress, outcome: 'DENIED' };
      if (approvals === states.length) return { ...progress, outcome: 'APPROVED' };
      return { ...progress, outcome: 'PENDING' };
    case 'QUORUM':
      if (approvals >= stage.quorum) return { ...progress, outcome: 'APPROVED' };
      if (approvals + open < stage.quorum) return { ...progress, outcome: 'DENIED' };
      return { ...progress, outcome: 'PENDING' };
  }
}
