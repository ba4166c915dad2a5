/**
 * The pieces of the subset reader (yaml-subset.ts) that read one line or one scalar: quoted scalars, plain
 * scalars resolved as the core schema does, the indicators that leave a text to the library, and the way
 * to give up (bail), which the reader catches at the top.
 */

/** Thrown inside the reader to give up; caught at the top. */
export const BAIL = { bail: true };

export function bail(): never {
  throw BAIL;
}

/** Characters that cannot start a plain scalar here (the ones that start something else, or may). */
export const INDICATORS = new Set([
  '-',
  '?',
  ':',
  ',',
  '[',
  ']',
  '{',
  '}',
  '#',
  '&',
  '*',
  '!',
  '|',
  '>',
  "'",
  '"',
  '%',
  '@',
  '`',
]);
/** Plain keys with these characters are left to the library. */
export const KEY_SPECIALS = /[[\]{},]/;
/** Keys whose handling differs between a plain object and the library's (prototype, merge keys). */
export const SPECIAL_KEYS = new Set(['__proto__', '<<']);
/** The library's limit on implicit keys is 1024 characters; stay well below it. */
export const MAX_KEY_LENGTH = 1000;

/** Resolves a plain scalar as the YAML 1.2 core schema does (the library's tags, in its order). */
export function resolvePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  // Only texts starting with one of ~ n N t T f F 0-9 + - . can be anything but a string.
  const maybe =
    s === '' ||
    c === 126 ||
    c === 110 ||
    c === 78 ||
    c === 116 ||
    c === 84 ||
    c === 102 ||
    c === 70 ||
    (c >= 48 && c <= 57) ||
    c === 43 ||
    c === 45 ||
    c === 46;
  if (!maybe) return s;
  if (/^(?:~|[Nn]ull|NULL)?$/.test(s)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(s)) return s[0] === 't' || s[0] === 'T';
  if (/^0o[0-7]+$/.test(s)) return Number.parseInt(s.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(s)) return Number.parseInt(s, 10);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return Number.parseInt(s.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s)) {
    if (s.slice(-3).toLowerCase() === 'nan') return Number.NaN;
    return s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s)) return Number.parseFloat(s);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)) return Number.parseFloat(s);
  return s;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
};

/** A quoted scalar that opens at `start` and closes on the same line: its value and the offset after it. */
export function readQuoted(line: string, start: number): [string, number] {
  const quote = line[start];
  let out = '';
  let i = start + 1;
  if (quote === "'") {
    for (;;) {
      const end = line.indexOf("'", i);
      if (end < 0) bail();
      out += line.slice(i, end);
      if (line[end + 1] !== "'") return [out, end + 1];
      out += "'";
      i = end + 2;
    }
  }
  for (;;) {
    let j = i;
    while (j < line.length && line[j] !== '"' && line[j] !== '\\') j++;
    if (j >= line.length) bail();
    out += line.slice(i, j);
    if (line[j] === '"') return [out, j + 1];
    const next = line[j + 1] as string | undefined;
    if (next === undefined) bail();
    const simple = ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
      i = j + 2;
      continue;
    }
    const length = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
    const hex = line.substr(j + 2, length);
    if (length === 0 || hex.length !== length || !/^[0-9a-fA-F]+$/.test(hex)) bail();
    const code = Number.parseInt(hex, 16);
    if (code > 0x10ffff) bail();
    out += String.fromCodePoint(code);
    i = j + 2 + length;
  }
}

/** Whether the rest of `line` from `at` is only spaces, or spaces and then a comment. */
export function restIsEmpty(line: string, at: number): boolean {
  let i = at;
  while (line.charCodeAt(i) === 32) i++;
  return i >= line.length || (line[i] === '#' && (i === at ? i === 0 || line[i - 1] === ' ' : true));
}

/** Offset of a comment (` #`) in a plain scalar's line from `from`, or the line's length. */
export function plainEnd(line: string, from: number): number {
  const at = line.indexOf(' #', from);
  return at < 0 ? line.length : at;
}

/** Whether `s` holds a mapping indicator (`: ` or a final `:`). */
export function hasMappingColon(s: string): boolean {
  return s.includes(': ') || s.endsWith(':');
}

/** Number of leading spaces. */
export function indentOf(line: string): number {
  let i = 0;
  while (line.charCodeAt(i) === 32) i++;
  return i;
}

export function isSeqItem(line: string, at: number): boolean {
  return line[at] === '-' && (at + 1 === line.length || line[at + 1] === ' ');
}

/** `text` continued by `part` after `empty` empty lines, as a folded or plain scalar joins its lines. */
export function foldLine(text: string, empty: number, part: string): string {
  return empty === 0 ? `${text} ${part}` : `${text}${'\n'.repeat(empty)}${part}`;
}

/** The lines of a folded block scalar joined: more-indented lines are left to the library. */
export function foldBlock(body: readonly string[]): string {
  if (body.some((l) => l.startsWith(' '))) bail();
  let text = body[0] as string;
  let empty = 0;
  for (let k = 1; k < body.length; k++) {
    const l = body[k] as string;
    if (l === '') {
      empty++;
      continue;
    }
    text = foldLine(text, empty, l);
    empty = 0;
  }
  return text;
}
