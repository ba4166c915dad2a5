/**
 * One escaping helper per target context. Catalog text is data: whatever it holds (comment terminators,
 * quotes, backticks, `${`, pipes, markup, line or paragraph separators, NUL), it must come out as the same
 * text in the output and never as code or structure.
 */

import { remembering } from '../../support/lookup.js';
import {
  codePoint,
  escapedCell,
  escapedCommentLines,
  escapedInline,
  escapedMarkdown,
  INVISIBLE,
  INVISIBLE_CHARS,
  LINE_BREAKS,
} from './full-escape.js';

/**
 * Text that tsComment leaves as it is: no control or bidirectional character, no `*\/`, no line break but
 * "\n", no line that starts (after blanks) with `@` or ends with a blank. One scan, where the escaping
 * runs seven regular expressions per text and two per line (most doc comments are plain).
 */
const NOT_PLAIN_COMMENT = new RegExp(
  `[${INVISIBLE_CHARS}\\r\\u2028\\u2029\\u0085]|\\*/|(?:^|\\n)[^\\S\\n]*@|[^\\S\\n](?:\\n|$)`,
);

function isPlainComment(text: string): boolean {
  return !NOT_PLAIN_COMMENT.test(text);
}

/**
 * Text for the inside of a JSDoc or block comment, as one string with "\n" between lines (for ts-morph's
 * JSDoc structures): see escapedCommentLines.
 */
export function tsComment(text: string): string {
  return isPlainComment(text) ? text : escapedCommentLines(text).join('\n');
}

/** A TypeScript / JavaScript string literal (double-quoted) holding exactly `value`. */
export function tsString(value: string): string {
  const json = JSON.stringify(value);
  // JSON leaves the two separators as they are; most texts have neither (one scan each, no expression).
  if (!json.includes('\u2028') && !json.includes('\u2029')) return json;
  return json.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** A literal type or value for a scalar. */
export function tsLiteral(value: string | number | boolean): string {
  return typeof value === 'string' ? tsString(value) : String(value);
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A property name: bare when it is an identifier, quoted otherwise. */
export function tsPropertyName(name: string): string {
  return IDENTIFIER.test(name) ? name : tsString(name);
}

/** A property access: `.name` for identifiers, `["na-me"]` otherwise. */
export function tsAccess(name: string): string {
  return IDENTIFIER.test(name) ? `.${name}` : `[${tsString(name)}]`;
}

/**
 * Text for Markdown prose: see escapedMarkdown. The Markdown helpers remember their results (docs repeat the
 * same texts on many pages: every page's envelope table, every enum label).
 */
export function mdText(text: string): string {
  return isPlainMarkdown(text) ? text : escapedMarkdown(text);
}

/**
 * Text that mdText leaves as it is: nothing to escape, one line, not starting like a block. Most labels and
 * names are; telling them costs one scan, less than looking them up (each is on a page or two).
 */
const NOT_PLAIN = new RegExp(
  `[\\\\\`*_{}[\\]#|~&<\\r\\n\\u2028\\u2029\\u0085${INVISIBLE_CHARS}]|^[ \\t+=>-]|^\\d+[.)]`,
);

function isPlainMarkdown(text: string): boolean {
  return !NOT_PLAIN.test(text);
}

/** Markdown prose that follows other text on its line ("Version {{version}}"): no line-start escapes. */
export function mdInline(text: string): string {
  return isPlainMarkdown(text) ? text : escapedInline(text);
}

/** Markdown prose on one line (headings, list items): line breaks become spaces, so only the first line starts one. */
export function mdLine(text: string): string {
  return mdText(text.replace(LINE_BREAK_AND_INDENT, ' '));
}

const LINE_BREAK_AND_INDENT = /[ \t]*(?:\r\n|[\r\n\u2028\u2029\u0085])[ \t]*/g;

/** Text for a Markdown table cell: as mdText, with line breaks turned into <br> so the row stays one line. */
export function mdCell(text: string): string {
  // A plain text is its own cell unless trimming changes it.
  return isPlainMarkdown(text) && text.trim() === text ? text : escapedCell(text);
}

/**
 * Inline code in Markdown: a backtick fence longer than any run of backticks inside. Not remembered: for a
 * text that each page has its own of (a notification's name or type name); mdCode remembers.
 */
export function inlineCode(text: string): string {
  const single = text.replace(LINE_BREAKS, ' ').replace(INVISIBLE, codePoint);
  const longest = Math.max(0, ...[...single.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = single.startsWith('`') || single.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${single}${pad}${fence}`;
}

/** inlineCode, remembered (for the texts that many pages repeat). */
export const mdCode = remembering(inlineCode);

/** Inline code inside a Markdown table cell: as inlineCode, with pipes escaped (GFM splits cells first). */
export function inlineCodeCell(text: string): string {
  return inlineCode(text).replace(/\|/g, '\\|');
}

/** inlineCodeCell, remembered. */
export const mdCodeCell = remembering(inlineCodeCell);

/** A fenced code block whose fence cannot be closed by the content. */
/**
 * A Markdown link to an http(s) URL, the URL percent-encoded so that it stays one destination, the text
 * escaped for a table cell; any other scheme (javascript:, data:…) is not a link, only its text.
 */
export function mdCellLink(text: string, url: string): string {
  if (!/^https?:\/\//i.test(url)) return mdCell(text);
  const target = encodeURI(url).replace(
    /[()<>[\]]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `[${mdCell(text)}](${target})`;
}

export function mdFence(text: string, language = ''): string {
  // Most texts hold no run of three backticks: one scan finds that.
  const runs = text.includes('```') ? [...text.matchAll(/`{3,}/g)].map((m) => m[0].length) : [];
  const fence = '`'.repeat(Math.max(2, ...runs) + 1);
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  return `${fence}${language}\n${body}\n${fence}`;
}

/** Text for HTML element content or a quoted attribute value. */
export function htmlText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
