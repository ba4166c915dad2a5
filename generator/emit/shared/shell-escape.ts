/**
 * Words of a POSIX shell command shown in the docs (a path with the package's name in it): a word with
 * nothing the shell reads specially stays as it is, any other is single-quoted.
 */

/** `text` as one shell word. */
export function shellWord(text: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
