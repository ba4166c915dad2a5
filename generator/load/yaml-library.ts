/**
 * The `yaml` library, loaded on first use. A spec written in the subset that yaml-subset.ts reads never
 * needs it on the way to its outputs: it is loaded only to parse a text outside the subset, or to find the
 * line and column of a node for a diagnostic.
 */
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

let library: typeof Yaml | undefined;

export function yamlLibrary(): typeof Yaml {
  library ??= createRequire(import.meta.url)('yaml') as typeof Yaml;
  return library;
}
