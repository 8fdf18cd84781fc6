import { nameProblem, asciiFold, untransliterable } from '@/server/modules/provisioning/index.ts';

/**
 * A new person's portal username from what a source says of them, in order of preference (its
 * username, email, employee number, the source's own id). One rule for `@`: a name gives its local
 * part (en7327-usr@contoso.test -> en7327-usr), never its halves glued together. A candidate is folded
 * to lower-case ASCII letters, digits and . _ -; one that would lose letters folding cannot
 * transliterate, come out empty, or start or end with punctuation is passed over for the next, so a
 * name is never silently mangled (an Arabic name once became "lg7585-rtl-").
 */
export function identityUsername(candidates: ReadonlyArray<string | null | undefined>): string {
  for (const raw of candidates) {
    if (!raw) continue;
    const at = raw.lastIndexOf('@');
    const local = at >= 0 ? raw.slice(0, at) : raw;
    const name = asciiFold(local)
      .toLowerCase()
      .replace(/[^a-z0-9._-]/g, '');
    if (!nameProblem(name, untransliterable(local))) return name;
  }
  return 'user';
}
