/**
 * The key a new application's name suggests: lower-case ASCII letters, digits and single dashes,
 * at most 60 characters, as applications.save accepts ("Expense system (EU)" → "expense-system-eu").
 * Empty when the name has nothing to make one of.
 */
export function suggestApplicationKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}
