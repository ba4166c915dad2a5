/**
 * A fast reader for the plain subset of YAML that spec files are written in: block mappings and sequences,
 * plain, quoted and block scalars, one-line flow collections, comments. For any text it accepts, it returns
 * exactly the value that the `yaml` library's `parseDocument(text, { uniqueKeys: true, strict: true })
 * .toJS()` returns; for anything else (anchors, aliases, tags, tabs, directives, several documents,
 * multi-line quoted or flow scalars, duplicate keys, nesting deeper than MAX_DEPTH, any syntax error…) it
 * returns UNSUPPORTED and the loader parses the text with the library, which also gives the positioned
 * diagnostics. It is an optimisation only: it never reports an error itself, and a text it declines costs
 * one extra scan. This file reads block collections; yaml-subset-scalars.ts reads scalars and
 * yaml-subset-flow.ts flow collections.
 *
 * Why: the library builds a concrete syntax tree, a document and then the plain value, and is the largest
 * cost of a cold run (bench/yaml-readers.ts compares the readers); spec files need the tree only to point a
 * diagnostic at a node, which the loader still does by parsing on demand.
 * test/yaml-subset.test.ts compares the two on every spec, on hand-written cases and on generated texts.
 */

import { MAX_DEPTH } from './files.js';
import { FlowReader } from './yaml-subset-flow.js';
import {
  BAIL,
  bail,
  foldBlock,
  foldLine,
  hasMappingColon,
  INDICATORS,
  indentOf,
  isSeqItem,
  KEY_SPECIALS,
  MAX_KEY_LENGTH,
  plainEnd,
  readQuoted,
  resolvePlain,
  restIsEmpty,
  SPECIAL_KEYS,
} from './yaml-subset-scalars.js';

/** What readYamlSubset returns for a text outside the subset. */
export const UNSUPPORTED: unique symbol = Symbol('unsupported');

/** Characters the subset never accepts anywhere: tabs, carriage returns, other C0/C1 controls, BOMs, U+2028/9. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const FORBIDDEN_CHARS = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]/;
/** Directives and document markers. */
const DOCUMENT_MARKERS = /^(?:---|\.\.\.)(?: |$)|^%/m;

/** The value of `text` when it is in the subset, or UNSUPPORTED. */
export function readYamlSubset(text: string): unknown {
  if (FORBIDDEN_CHARS.test(text) || DOCUMENT_MARKERS.test(text)) return UNSUPPORTED;
  try {
    return new Reader(text.split('\n')).document();
  } catch (error) {
    if (error === BAIL) return UNSUPPORTED;
    throw error;
  }
}

class Reader {
  private i = 0;
  /** Block collections open around the current line: beyond MAX_DEPTH, the text is left to the library. */
  private depth = 0;

  /** Each line's indentation once it is known (-1 before): the reader asks for most several times. */
  private readonly indents: Int32Array;

  constructor(private readonly lines: string[]) {
    this.indents = new Int32Array(lines.length).fill(-1);
  }

  /** The indentation of line `j` (which must exist). */
  private indentAt(j: number): number {
    let indent = this.indents[j] as number;
    if (indent < 0) {
      indent = indentOf(this.lines[j] as string);
      this.indents[j] = indent;
    }
    return indent;
  }

  /** Whether line `j` holds nothing: blank, or only a comment. */
  private isTriviaAt(j: number): boolean {
    const line = this.lines[j] as string;
    const i = this.indentAt(j);
    return i === line.length || line.charCodeAt(i) === 35;
  }

  document(): unknown {
    this.skipTrivia();
    if (this.i >= this.lines.length) bail();
    const value = this.collectionAt(this.indentAt(this.i));
    this.skipTrivia();
    if (this.i < this.lines.length) bail();
    return value;
  }

  private line(): string {
    return this.lines[this.i] as string;
  }

  private skipTrivia(): void {
    while (this.i < this.lines.length && this.isTriviaAt(this.i)) this.i++;
  }

  /** Index of the next line that is not trivia, from `from`. */
  private nextContent(from: number): number {
    let j = from;
    while (j < this.lines.length && this.isTriviaAt(j)) j++;
    return j;
  }

  /** The block collection whose first entry starts at column `indent` of the current line. */
  private collectionAt(indent: number): unknown {
    const line = this.line();
    if (isSeqItem(line, indent)) return this.sequence(indent);
    if (this.keyEnd(line, indent) < 0) bail();
    return this.mapping(indent);
  }

  /**
   * Where the implicit key starting at `at` ends (the offset of its `:`), or -1 when the text at `at` is
   * not a key. Quoted keys end at their closing quote.
   */
  private keyEnd(line: string, at: number): number {
    const first = line[at] as string;
    if (first === '"' || first === "'") {
      const [, end] = readQuoted(line, at);
      return line[end] === ':' && (end + 1 === line.length || line[end + 1] === ' ') ? end : -1;
    }
    if (INDICATORS.has(first)) return -1;
    const end = plainEnd(line, at);
    const colon = line.indexOf(': ', at);
    if (colon >= 0 && colon < end) return colon;
    return line.endsWith(':') && end === line.length ? line.length - 1 : -1;
  }

  /**
   * Whether a next entry of a collection at column `indent` starts on the current line (after trivia);
   * false at the collection's end. (No object per entry: a large spec has hundreds of thousands.)
   */
  private entry(indent: number): boolean {
    this.skipTrivia();
    if (this.i >= this.lines.length) return false;
    const at = this.indentAt(this.i);
    if (at < indent) return false;
    if (at > indent) bail();
    return true;
  }

  private mapping(indent: number): Record<string, unknown> {
    if (++this.depth > MAX_DEPTH) bail();
    const out: Record<string, unknown> = {};
    while (this.entry(indent)) {
      const line = this.line();
      if (isSeqItem(line, indent)) bail();
      const key = this.key(line, indent);
      // Own keys only (the object is plain, and `__proto__` is never a key here): a repeated key.
      if (Object.hasOwn(out, key)) bail();
      out[key] = this.value(line, this.keyColon + 1, indent, true);
    }
    this.depth--;
    return out;
  }

  /** Where the colon of the last key read is (see key). */
  private keyColon = 0;

  /** The key at `at`; its colon's offset is left in keyColon. */
  private key(line: string, at: number): string {
    const end = this.keyEnd(line, at);
    if (end < 0) bail();
    const first = line[at] as string;
    let key: string;
    if (first === '"' || first === "'") key = readQuoted(line, at)[0];
    else {
      key = line.slice(at, end).trimEnd();
      if (KEY_SPECIALS.test(key) || resolvePlain(key) !== key) bail();
    }
    if (key.length > MAX_KEY_LENGTH || SPECIAL_KEYS.has(key)) bail();
    this.keyColon = end;
    return key;
  }

  private sequence(indent: number): unknown[] {
    if (++this.depth > MAX_DEPTH) bail();
    const out: unknown[] = [];
    while (this.entry(indent)) {
      const line = this.line();
      const at = indent;
      if (!isSeqItem(line, at)) break;
      let start = at + 1;
      while (line.charCodeAt(start) === 32) start++;
      if (restIsEmpty(line, at + 1)) out.push(this.value(line, at + 1, indent, false));
      else if (isSeqItem(line, start)) bail();
      else if (this.keyEnd(line, start) >= 0) {
        // A mapping that starts on the item's line: the same mapping as if the dash were a space.
        this.lines[this.i] = ' '.repeat(start) + line.slice(start);
        this.indents[this.i] = start;
        out.push(this.mapping(start));
      } else out.push(this.value(line, start, indent, false));
    }
    this.depth--;
    return out;
  }

  /**
   * The value that starts at offset `from` of the current line (after a key's colon or an item's dash) of
   * a collection at column `indent`; leaves the reader on the line after the value.
   */
  private value(line: string, from: number, indent: number, inMapping: boolean): unknown {
    let at = from;
    while (line.charCodeAt(at) === 32) at++;
    if (restIsEmpty(line, from)) {
      const next = this.nextContent(this.i + 1);
      const nextLine = this.lines[next];
      if (nextLine !== undefined) {
        const nextIndent = this.indentAt(next);
        if (inMapping && nextIndent === indent && isSeqItem(nextLine, nextIndent)) {
          this.i = next;
          return this.sequence(nextIndent);
        }
        if (nextIndent > indent) {
          this.i = next;
          const first = nextLine[nextIndent];
          if (first === '|' || first === '>') bail();
          const nested = isSeqItem(nextLine, nextIndent) || this.keyEnd(nextLine, nextIndent) >= 0;
          return nested ? this.collectionAt(nextIndent) : this.inline(nextLine, nextIndent, indent);
        }
      }
      this.i++;
      return null;
    }
    return this.inline(line, at, indent);
  }

  /** A scalar or flow collection that starts at `at` of the current line. */
  private inline(line: string, at: number, indent: number): unknown {
    const first = line[at] as string;
    if (first === '|' || first === '>') return this.blockScalar(line, at, indent);
    if (first === '"' || first === "'") {
      const [text, end] = readQuoted(line, at);
      return this.endOfValue(line, end, indent, text);
    }
    if (first === '[' || first === '{') {
      const flow = new FlowReader(this.lines, this.i, indent);
      const [value, end] = flow.collection(at);
      this.i = flow.row;
      return this.endOfValue(this.line(), end, indent, value);
    }
    // A dash starts a plain scalar only when text follows it ("-5"); "- " and a lone "-" start a sequence.
    if (INDICATORS.has(first) && !(first === '-' && at + 1 < line.length && line[at + 1] !== ' ')) bail();
    return this.plain(line, at, indent);
  }

  /** After a one-line value: only a comment may follow, and no line may be indented under it. */
  private endOfValue<T>(line: string, end: number, indent: number, value: T): T {
    if (end < line.length && (line[end] !== ' ' || !restIsEmpty(line, end))) bail();
    this.i++;
    const next = this.nextContent(this.i);
    if (next < this.lines.length && this.indentAt(next) > indent) bail();
    return value;
  }

  /** A plain scalar from `at`, folded over the lines indented under its collection's column `indent`. */
  private plain(line: string, at: number, indent: number): unknown {
    let text = line.slice(at, plainEnd(line, at)).trimEnd();
    if (hasMappingColon(text)) bail();
    const commented = plainEnd(line, at) < line.length;
    this.i++;
    let empty = 0;
    let j = this.i;
    while (j < this.lines.length) {
      const next = this.lines[j] as string;
      const nextIndent = this.indentAt(j);
      if (nextIndent === next.length) {
        empty++;
        j++;
        continue;
      }
      if (nextIndent <= indent || next[nextIndent] === '#') break;
      // A comment ends a plain scalar; text indented under it after that is an error.
      if (commented) bail();
      // Continuation lines with a comment, a mapping colon or a leading indicator are left to the library.
      if (plainEnd(next, nextIndent) < next.length || INDICATORS.has(next[nextIndent] as string)) bail();
      const part = next.slice(nextIndent).trimEnd();
      if (hasMappingColon(part)) bail();
      text = foldLine(text, empty, part);
      empty = 0;
      j++;
      this.i = j;
    }
    return resolvePlain(text);
  }

  /** A literal (`|`) or folded (`>`) block scalar whose header is at `at`; clip or strip chomping only. */
  private blockScalar(line: string, at: number, indent: number): string {
    const header = /^([|>])(-?)(?: +#.*| *)$/.exec(line.slice(at));
    if (!header) bail();
    const body = this.blockLines(indent);
    const text = header[1] === '>' ? foldBlock(body) : body.join('\n');
    return header[2] === '-' ? text : `${text}\n`;
  }

  /**
   * The lines of the block scalar whose header is on the current line, in a collection at column `indent`,
   * without their indentation and without trailing empty lines; leaves the reader on the line after it.
   */
  private blockLines(indent: number): string[] {
    const first = this.i + 1;
    const firstLine = this.lines[first];
    if (firstLine === undefined || this.indentAt(first) === firstLine.length) bail();
    const contentIndent = this.indentAt(first);
    if (contentIndent <= indent) bail();
    const content: string[] = [];
    let last = -1;
    let j = first;
    for (; j < this.lines.length; j++) {
      const l = this.lines[j] as string;
      const lineIndent = this.indentAt(j);
      if (lineIndent === l.length) {
        if (l.length > contentIndent) bail();
        content.push('');
        continue;
      }
      if (lineIndent < contentIndent) break;
      content.push(l.slice(contentIndent));
      last = content.length - 1;
    }
    // Text after the scalar that is indented under its collection (even a comment) is left to the library.
    if (j < this.lines.length && this.indentAt(j) > indent) bail();
    // Without a line break after the last line, clipping keeps none: left to the library.
    if (first + last === this.lines.length - 1) bail();
    this.i = j;
    return content.slice(0, last + 1);
  }
}
