/**
 * Maps a path into a spec file's data (["content", 3, "name"] or the JSON Pointer "/content/3/name") to the
 * line and column of the YAML node it came from. Where the path leads to a missing key, the position of the
 * deepest node that exists is used, so that a "missing property" error points at the mapping that lacks it.
 */
import type { Node } from 'yaml';
import type { Location } from '../support/diagnostics.js';
import type { SpecFile } from './spec.js';
import { yamlLibrary } from './yaml-library.js';

export type DataPath = readonly (string | number)[];

/** Decodes a JSON Pointer ("/a/0/b~1c") into path segments. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Encodes path segments as a JSON Pointer. Most segments (field names, indexes) hold neither '~' nor '/' and
 * are taken as they are: every invalid fixture of a large catalog names its field by pointer.
 */
export function toPointer(path: DataPath): string {
  let pointer = '';
  for (const segment of path) {
    const text = String(segment);
    pointer +=
      text.includes('~') || text.includes('/')
        ? `/${text.replace(/~/g, '~0').replace(/\//g, '~1')}`
        : `/${text}`;
  }
  return pointer;
}

/**
 * Location of the node at `path` in `file`. With `target: 'key'`, the key of the last segment is used
 * instead of its value (for "unknown property" and "duplicate" diagnostics).
 */
export function locate(file: SpecFile, path: DataPath, target: 'key' | 'value' = 'value'): Location {
  const { isAlias, isMap, isPair, isSeq } = yamlLibrary();
  const doc = file.doc;
  let node: unknown = doc?.contents;
  let offset = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length && node; i++) {
    const segment = path[i] as string | number;
    if (isAlias(node) && doc) node = node.resolve(doc);
    const pair = isMap(node)
      ? node.items.find((p) => isPair(p) && scalarKey(p.key) === String(segment))
      : undefined;
    if (pair) {
      const last = i === path.length - 1;
      const keyOffset = rangeStart(pair.key);
      node = pair.value;
      offset = last && target === 'key' ? (keyOffset ?? offset) : (rangeStart(node) ?? keyOffset ?? offset);
      continue;
    }
    if (isSeq(node)) {
      const item = node.items[Number(segment)];
      if (item === undefined) break;
      node = item;
      offset = rangeStart(node) ?? offset;
      continue;
    }
    break;
  }
  return { file: file.displayPath, ...file.position(offset) };
}

/** Location of the start of a text offset inside the value at `path` (for errors inside block scalars). */
export function locateInside(file: SpecFile, path: DataPath, line: number, column: number): Location {
  const start = locate(file, path);
  const node = nodeAt(file, path);
  const { isScalar } = yamlLibrary();
  // A block scalar (json: |) starts on the line after its indicator; its content is indented.
  if (isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED')) {
    const lines = file.text.split(/\r?\n/);
    const firstContentLine = start.line + 1;
    const indent = /^( *)/.exec(lines[firstContentLine - 1] ?? '')?.[1]?.length ?? 0;
    const contentLines = String(node.value).replace(/\n$/, '').split('\n').length;
    // An error at the very end of the text (a truncated example) points just after its last character.
    const target = Math.min(line, contentLines);
    const source = lines[firstContentLine + target - 2] ?? '';
    const col = target < line ? source.length + 1 : Math.min(indent + column, source.length + 1);
    return { file: file.displayPath, line: firstContentLine + target - 1, column: col };
  }
  return start;
}

function nodeAt(file: SpecFile, path: DataPath): unknown {
  const { isMap, isPair, isSeq } = yamlLibrary();
  let node: unknown = file.doc?.contents;
  for (const segment of path) {
    if (isMap(node)) node = node.items.find((p) => isPair(p) && scalarKey(p.key) === String(segment))?.value;
    else if (isSeq(node)) node = node.items[Number(segment)];
    else return undefined;
  }
  return node;
}

function scalarKey(key: unknown): string | undefined {
  return yamlLibrary().isScalar(key) ? String(key.value) : undefined;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}
