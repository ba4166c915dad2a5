/**
 * JSON texts with the layout of every generated JSON file (two-space indent, trailing newline), and two ways
 * of writing parts of one without holding the whole text: a long list some entries at a time, and a value as
 * it stands at an indentation.
 */
import type { Pieces } from '../../support/pieces.js';

/** JSON with a fixed layout: two-space indent and a trailing newline. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** How many entries of a long list listedJson writes at a time. */
const ENTRIES_AT_A_TIME = 1024;

/**
 * `toJson({ ...head, [key]: items })`, made as the write stage takes it, some entries at a time: the text of
 * a long list is never held whole (V8 builds a long JSON text from parts that all live until it is done, so
 * that a large list's parts outlive the young generation and are promoted to the old one).
 */
export function listedJson(
  head: Record<string, unknown>,
  key: string,
  items: readonly unknown[],
  atATime = ENTRIES_AT_A_TIME,
): Pieces {
  // The list must be the document's last member (a key of `head` would keep head's place for it).
  if (Object.hasOwn(head, key)) throw new Error(`listedJson: the head already has "${key}"`);
  if (items.length === 0) return [toJson({ ...head, [key]: [] })];
  // The list written with one number in it: the text around the number is the text around the items.
  const frame = toJson({ ...head, [key]: [0] });
  const at = frame.lastIndexOf('0');
  return {
    *[Symbol.iterator]() {
      yield frame.slice(0, at);
      for (let from = 0; from < items.length; from += atATime) {
        if (from > 0) yield ',\n    ';
        // A slice of the list, written two levels deep (as in the document) by nesting it in another list,
        // the two lists' brackets cut off.
        const text = JSON.stringify([items.slice(from, from + atATime)], null, 2);
        yield text.slice('[\n  [\n    '.length, -'\n  ]\n]'.length);
      }
      yield frame.slice(at + 1);
    },
  };
}

/**
 * `JSON.stringify(value, null, 2)` as it stands on a line indented by `indent` spaces (every line after the
 * first indented that much more): the value written inside lists nested `indent / 2` deep, whose brackets
 * are cut off, so that JSON.stringify lays out the lines itself instead of a second pass over the text (most
 * repeated values stand some levels in).
 */
export function stringifiedAt(value: unknown, indent: number): string {
  if (indent === 0 || indent % 2 !== 0) {
    const text = JSON.stringify(value, null, 2);
    return indent === 0 ? text : text.replaceAll('\n', `\n${' '.repeat(indent)}`);
  }
  let nested: unknown = value;
  let open = '';
  let close = '';
  for (let depth = 0; depth < indent / 2; depth++) {
    nested = [nested];
    open = `${open}[\n${'  '.repeat(depth + 1)}`;
    close = `\n${'  '.repeat(depth)}]${close}`;
  }
  return JSON.stringify(nested, null, 2).slice(open.length, -close.length);
}
