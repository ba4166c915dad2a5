/**
 * The file that marks a folder as written by this tool: the emit stage writes it like any other output,
 * and the write stage refuses to clean a non-empty folder that lacks it.
 */
import type { Catalog } from '../../model/catalog.js';
import { bannerText } from './banner.js';

/** The marker's path under the output folder. */
export const MARKER_FILE = '.generated';

/** The marker: the banner alone, naming the spec files the folder comes from. */
export function emitMarker(catalog: Catalog): Map<string, string> {
  return new Map([[MARKER_FILE, `${bannerText(catalog.files)}\n`]]);
}
