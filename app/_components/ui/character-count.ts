export type TCharacterCount = { text: string; tone: 'quiet' | 'near' | 'over'; announce: boolean };

/**
 * What a text area's counter says. It is quiet until the last tenth of the limit (at least 20
 * characters), then says how many are left and is announced to screen readers, so typing is not
 * read out at every key. Counts UTF-16 code units, as the browser's maxLength does.
 */
export function countCharacters(length: number, max: number): TCharacterCount {
  const left = max - length;
  if (left < 0)
    return {
      text: `${(-left).toLocaleString('en')} ${-left === 1 ? 'character' : 'characters'} too many`,
      tone: 'over',
      announce: true,
    };
  const nearFrom = Math.max(20, Math.ceil(max / 10));
  if (left <= nearFrom)
    return {
      text: `${left.toLocaleString('en')} ${left === 1 ? 'character' : 'characters'} left`,
      tone: 'near',
      announce: true,
    };
  return {
    text: `${length.toLocaleString('en')} of ${max.toLocaleString('en')} characters`,
    tone: 'quiet',
    announce: false,
  };
}
