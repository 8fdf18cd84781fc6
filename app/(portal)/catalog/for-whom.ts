/**
 * Whom the justification question names (null: the requester, "Why do you need it?"). The server's
 * preview says it (it compares the beneficiary with the requester, not the browser), but only for the
 * beneficiary it was asked about: while the preview reloads after the beneficiary changed, its kept
 * data is the previous person's, and when it fails there is none. Then the name of the person chosen
 * in the form, so the question never falls back to "you" while someone else is chosen.
 */
export function forWhomOf(o: {
  /** The preview's answer for the beneficiary chosen now, or undefined while it loads or failed. */
  previewed: { forWhom: string | null } | undefined;
  /** The display name of the person chosen in the form; null: nobody chosen (the requester). */
  chosenName: string | null;
}): string | null {
  return o.previewed ? o.previewed.forWhom : o.chosenName;
}
