/**
 * Where the toolkit's own files (format schema, templates) live, whether it runs from generator/*.ts
 * through tsx or from the compiled JavaScript under dist/generator/.
 */

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The folder that holds the toolkit's package.json. */
export function toolkitRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'generator', 'spec-format.schema.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the toolkit root (generator/spec-format.schema.json)');
    dir = parent;
  }
  root = dir;
  return dir;
}

/** The folder of the running code: generator/ (sources through tsx) or dist/generator/ (the build). */
export function codeRoot(): string {
  return dirname(dirname(fileURLToPath(import.meta.url)));
}

/** Reads a JSON file that ships with the toolkit. */
export function readToolkitJson(...segments: string[]): unknown {
  return JSON.parse(readFileSync(join(toolkitRoot(), ...segments), 'utf8'));
}

/** The toolkit's version, from its package.json. */
export function toolkitVersion(): string {
  return (readToolkitJson('package.json') as { version: string }).version;
}
