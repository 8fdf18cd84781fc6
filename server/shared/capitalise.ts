/** "after a request was approved" → "After a request was approved": a phrase made the start of a sentence. */
export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
