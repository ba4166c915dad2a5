/**
 * Finding and reading spec files safely: only files inside the spec folder are read (a symlink that leads
 * out of it is refused, never followed), sizes are checked before reading, and text must be UTF-8.
 */
import {
  closeSync,
  constants,
  type Dirent,
  fstatSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
} from 'node:fs';
import { join, relative, sep } from 'node:path';
import { compareStrings, errorReason } from '../support/diagnostics.js';

/** Files larger than this are refused before they are read: far larger than a file of a large catalog. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export type Found =
  | { readonly path: string; readonly kind: 'file'; readonly real: string }
  | { readonly path: string; readonly kind: 'outside' }
  | { readonly path: string; readonly kind: 'unreadable'; readonly reason: string };

/** Whether `real` (a resolved path) is `root` or inside it. */
export function isInside(root: string, real: string): boolean {
  const rel = relative(root, real);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel));
}

/** Every `*.yaml` / `*.yml` under `root`, sorted, classified; symlinked folders are not descended. */
export function findSpecFiles(root: string): Found[] {
  const realRoot = realpathSync(root);
  const out: Found[] = [];
  // `realDir` is where `dir` really is: the walk descends real folders only, so a file that is not a
  // symlink is at realDir/name, without resolving its path again (a large catalog has many files).
  const walk = (dir: string, realDir: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = join(dir, entry.name);
      const path = relative(root, full).split(sep).join('/');
      if (entry.isDirectory()) walk(full, join(realDir, entry.name));
      else if (!/\.ya?ml$/.test(entry.name)) continue;
      else if (entry.isSymbolicLink()) out.push(classify(realRoot, full, path));
      else out.push({ path, kind: 'file', real: join(realDir, entry.name) });
    }
  };
  walk(root, realRoot);
  return out.sort((a, b) => compareStrings(a.path, b.path));
}

function classify(realRoot: string, full: string, path: string): Found {
  try {
    const real = realpathSync(full);
    if (!isInside(realRoot, real)) return { path, kind: 'outside' };
    return { path, kind: 'file', real };
  } catch (error) {
    return { path, kind: 'unreadable', reason: errorReason(error) };
  }
}

/** Why a file was not read. */
export interface Refusal {
  readonly ok: false;
  readonly problem: 'too-large' | 'not-text' | 'unreadable';
  readonly reason?: string;
}

export type Read = { readonly ok: true; readonly text: string } | Refusal;
export type ReadBytes = { readonly ok: true; readonly bytes: Buffer } | Refusal;

/**
 * Reads a regular file's bytes, refusing large files without reading them. The file is looked at once open
 * (one path lookup), and opened without blocking: a FIFO is refused, not waited on. The run key hashes spec
 * files with it too.
 */
export function readSpecBytes(real: string): ReadBytes {
  let fd: number | undefined;
  try {
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, problem: 'unreadable', reason: 'not a regular file' };
    if (stat.size > MAX_FILE_BYTES) return { ok: false, problem: 'too-large' };
    const bytes = readFileSync(fd);
    if (bytes.length > MAX_FILE_BYTES) return { ok: false, problem: 'too-large' };
    return { ok: true, bytes };
  } catch (error) {
    return { ok: false, problem: 'unreadable', reason: errorReason(error) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Bytes of spec files that this run has read already, by real path (see specDigest in cache.ts): a stage
 * that reads one of them again takes these bytes, so that a file changed meanwhile cannot make the run's
 * outputs and cached model differ from what its key says it read.
 */
export type ReadFiles = ReadonlyMap<string, Buffer>;

/**
 * Reads a file as UTF-8 text, refusing large, binary or invalid files without reading more than needed.
 * `bytes`, when given, are the file's as this run read it already (readSpecBytes' checks passed).
 */
export function readSpecText(real: string, bytes?: Uint8Array): Read {
  const read = bytes ? { ok: true as const, bytes } : readSpecBytes(real);
  if (!read.ok) return read;
  const text = decodeText(read.bytes);
  return text === undefined ? { ok: false, problem: 'not-text' } : { ok: true, text };
}

/** UTF-8 text without NUL bytes, or undefined for anything binary. A leading BOM is dropped. */
function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}

/** Maps text offsets to 1-based lines and columns (computed from the text itself, whatever the parser did). */
export function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  // Found on the first lookup: most files of a valid spec are never pointed into.
  let starts: number[] | undefined;
  return (offset) => {
    if (!starts) {
      starts = [0];
      for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
    }
    const at = Math.max(0, Math.min(offset, text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - (starts[lo] as number) + 1 };
  };
}

/** Whether a quote at `i` opens a quoted scalar (not an apostrophe inside plain text). */
function startsScalar(text: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && text[j] === ' ') j--;
  return j < 0 || /[\n:\-[{,?]/.test(text[j] as string);
}

/** Deepest nesting the loader accepts; deeper input is refused before the parser's recursion sees it. */
export const MAX_DEPTH = 200;

/**
 * The offset where nesting first exceeds MAX_DEPTH (flow brackets, or block indentation levels), or -1.
 * A cheap scan that knows quotes and comments well enough to never undercount real nesting.
 */
export function tooDeepAt(text: string): number {
  let flow = 0;
  let quote = '';
  const indents: number[] = [];
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (lineStart) {
      lineStart = false;
      let j = i;
      while (text[j] === ' ') j++;
      const blank = text[j] === '\n' || text[j] === '#' || j >= text.length;
      if (!blank && flow === 0 && quote === '') {
        const indent = j - i;
        while (indents.length > 0 && (indents[indents.length - 1] as number) >= indent) indents.pop();
        indents.push(indent);
        if (indents.length > MAX_DEPTH) return j;
      }
    }
    if (ch === '\n') {
      lineStart = true;
      if (quote === '') continue;
    }
    if (quote !== '') {
      if (ch === quote) quote = '';
      else if (ch === '\\' && quote === '"') i++;
      continue;
    }
    if ((ch === '"' || ch === "'") && startsScalar(text, i)) quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(text[i - 1] as string))) {
      while (i < text.length && text[i] !== '\n') i++;
      lineStart = true;
    } else if (ch === '[' || ch === '{') {
      flow++;
      if (flow > MAX_DEPTH) return i;
    } else if ((ch === ']' || ch === '}') && flow > 0) flow--;
  }
  return -1;
}
