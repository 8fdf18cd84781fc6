/**
 * The question a request's justification answers, naming whom the access is for: a manager asking
 * for a report is asked why the report needs it, not why they do, and whoever reads the answer later
 * (the approver's card, the request's evidence) reads the same question. Null: the reader asks for
 * themselves.
 */
export function justificationQuestion(forWhom: string | null): string {
  return forWhom ? `Why does ${forWhom} need it?` : 'Why do you need it?';
}
