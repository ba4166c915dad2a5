/** The flow collections of the subset reader (yaml-subset.ts): see FlowReader. */
import { MAX_DEPTH } from './files.js';
import { bail, INDICATORS, indentOf, readQuoted, resolvePlain, SPECIAL_KEYS } from './yaml-subset-scalars.js';

const isFlowIndicator = (ch: string | undefined) =>
  ch === ',' || ch === '[' || ch === ']' || ch === '{' || ch === '}';

/**
 * Where a plain scalar of a flow collection that starts at `at` ends: at a flow indicator, at a comment
 * (` #`), or at a colon followed by a space, the line's end or a flow indicator.
 */
function flowPlainEnd(line: string, at: number): number {
  let end = at;
  for (; end < line.length; end++) {
    const ch = line[end];
    if (isFlowIndicator(ch) || (ch === '#' && line[end - 1] === ' ')) break;
    if (ch === ':') {
      const next = line[end + 1];
      if (next === undefined || next === ' ' || isFlowIndicator(next)) break;
    }
  }
  return end;
}

/**
 * Flow collections: `[a, "b"]`, `{ from: a, to: b }`, nested, on one line or over several lines indented
 * under their block collection; a scalar inside one must fit on one line.
 */
export class FlowReader {
  /** The line being read. */
  row: number;
  /** Flow collections open at the current character: beyond MAX_DEPTH, the text is left to the library. */
  private depth = 0;

  constructor(
    private readonly lines: readonly string[],
    row: number,
    private readonly indent: number,
  ) {
    this.row = row;
  }

  private get line(): string {
    return this.lines[this.row] as string;
  }

  /** The collection opening at `at` of the current line, and the offset after its closing bracket. */
  collection(at: number): [unknown, number] {
    if (++this.depth > MAX_DEPTH) bail();
    const isSeq = this.line[at] === '[';
    const close = isSeq ? ']' : '}';
    const seq: unknown[] = [];
    const map: Record<string, unknown> = {};
    const seen = new Set<string>();
    let i = this.spaces(at + 1);
    for (;;) {
      if (this.line[i] === close) {
        this.depth--;
        return [isSeq ? seq : map, i + 1];
      }
      if (isSeq) {
        const [item, end] = this.item(i);
        seq.push(item);
        i = this.spaces(end);
      } else {
        const [key, afterKey] = this.key(i);
        if (seen.has(key)) bail();
        seen.add(key);
        const [item, end] = this.item(this.spaces(afterKey));
        map[key] = item;
        i = this.spaces(end);
      }
      if (this.line[i] === close) continue;
      if (this.line[i] !== ',') bail();
      i = this.spaces(i + 1);
    }
  }

  /** Skips spaces, comments and line breaks from `at`; the offset of the next character, on this.row. */
  private spaces(at: number): number {
    let i = at;
    for (;;) {
      const line = this.line;
      while (line.charCodeAt(i) === 32) i++;
      const commented = line[i] === '#' && (i === 0 || line[i - 1] === ' ');
      if (i < line.length && !commented) return i;
      this.row++;
      const next = this.lines[this.row];
      if (next === undefined) bail();
      i = indentOf(next);
      if (i < next.length && next[i] !== '#' && i <= this.indent) bail();
    }
  }

  private key(at: number): [string, number] {
    const line = this.line;
    let key: string;
    let end: number;
    if (line[at] === '"' || line[at] === "'") [key, end] = readQuoted(line, at);
    else {
      end = flowPlainEnd(line, at);
      key = line.slice(at, end).trimEnd();
      if (key === '' || INDICATORS.has(line[at] as string) || resolvePlain(key) !== key) bail();
    }
    if (line[end] !== ':' || (line[end + 1] !== ' ' && end + 1 < line.length) || SPECIAL_KEYS.has(key))
      bail();
    return [key, end + 1];
  }

  private item(at: number): [unknown, number] {
    const line = this.line;
    const first = line[at] as string;
    if (first === '[' || first === '{') return this.collection(at);
    if (first === '"' || first === "'") return readQuoted(line, at);
    if (INDICATORS.has(first)) bail();
    const end = flowPlainEnd(line, at);
    // Only a comma, a closing bracket, a comment or the line's end may follow (then checked by the caller).
    if (end < line.length && line[end] !== ',' && line[end] !== ']' && line[end] !== '}' && line[end] !== '#')
      bail();
    return [resolvePlain(line.slice(at, end).trimEnd()), end];
  }
}
