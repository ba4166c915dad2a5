/**
 * The escaping itself, for any text: what the helpers of escape.ts give, which return the texts that need
 * none as they are without running it (tests hold the two to the same results).
 */

import { remembering } from '../../support/lookup.js';

export const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029\u0085]/g;
// Control characters other than tab and line feed, and the bidirectional controls that can make text
// display differently from what it is (a character class's contents, for the expressions below).
export const INVISIBLE_CHARS =
  '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
export const INVISIBLE = new RegExp(`[${INVISIBLE_CHARS}]`, 'g');

/** A character as a `\u{…}` escape, the way the helpers show an invisible one. */
export function codePoint(ch: string): string {
  return `\\u{${(ch.codePointAt(0) ?? 0).toString(16)}}`;
}

/**
 * Text for the inside of a JSDoc or block comment, one line per array item. `*\/` cannot end the comment,
 * a line cannot start a JSDoc tag, and control characters are shown as escapes.
 */
export function escapedCommentLines(text: string): string[] {
  return text
    .replace(INVISIBLE, codePoint)
    .replace(/\*\//g, '*\\/')
    .split(LINE_BREAKS)
    .map((line) => line.replace(/^(\s*)@/, '$1\\@').replace(/\s+$/, ''));
}

/**
 * Text for Markdown prose: characters that Markdown, HTML or a Vue-based site would interpret wherever they
 * stand are escaped, and no line can start a heading, list, quote, setext underline or code block. The
 * characters that matter only at a line's start (`+ = > -`, a number and its dot) or after an escaped one
 * (`(` after `]`, `!` before `[`) are left as they are elsewhere, so the text reads as written.
 */
export const escapedMarkdown = remembering((text: string): string =>
  escapedChars(text)
    .split(LINE_BREAKS)
    .map((line) =>
      line
        .replace(/^[ \t]+/, '')
        .replace(/^[-+=>]/, '\\$&')
        .replace(/^(\d+)([.)])/, '$1\\$2'),
    )
    .join('\n'),
);

/** The characters that mean something wherever they stand in a line. */
function escapedChars(text: string): string {
  return text
    .replace(INVISIBLE, codePoint)
    .replace(/[\\`*_{}[\]#|~]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;');
}

/** Text placed after other text on a line (no line-start rule applies there): line breaks become spaces. */
export const escapedInline = remembering((text: string): string =>
  escapedChars(text.replace(LINE_BREAKS, ' ')),
);

/**
 * Text for a Markdown table cell: line breaks turned into <br> so the row stays one line. A cell holds no
 * block, so no line-start rule applies.
 */
export const escapedCell = remembering((text: string): string =>
  escapedChars(text)
    .split(LINE_BREAKS)
    .map((line) => line.trim())
    .join('<br>'),
);
