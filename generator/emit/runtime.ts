/**
 * The package's runtime (runtime/*.js): the generic validator engine and router, a data table that tells
 * them about every notification, and the index module that exports the helpers under the catalog's names.
 * Nothing is compiled at import time: the table is parsed from one JSON string and patterns compile on
 * first use.
 */

import { runtimeData } from '../events/data.js';
import { formsData } from '../events/forms-data.js';
import type { Catalog } from '../model/catalog.js';
import type { Assets } from '../support/assets.js';
import { runtimeIndexStatements } from './runtime-index.js';
import { bannerText } from './shared/banner.js';
import { tsComment, tsString } from './shared/escape.js';
import { printStatements } from './shared/ts-print.js';

/** The shipped modules (runtime/engine.js, router.js, forms.js, reports.js, options.js, cli.js), their data tables (data.js, forms-data.js) and index.js. */
export function emitRuntime(catalog: Catalog, assets: Assets): Map<string, string> {
  const banner = `// ${tsComment(bannerText(catalog.files)).replace(/\n/g, ' ')}\n`;
  // A module's shebang stays its first line; the banner follows it.
  const shipped = (source: string) => {
    const shebang = /^#!.*\n/.exec(source)?.[0] ?? '';
    return `${shebang}${banner}${source.slice(shebang.length).replace(/^\/\/ @ts-check\n/, '')}`;
  };
  return new Map([
    ...[...assets.shipped].map(([name, source]): [string, string] => [`runtime/${name}`, shipped(source)]),
    [
      'runtime/forms-data.js',
      `${banner}export default JSON.parse(${tsString(JSON.stringify(formsData(catalog)))});\n`,
    ],
    [
      'runtime/data.js',
      `${banner}export default JSON.parse(${tsString(JSON.stringify(runtimeData(catalog)))});\n`,
    ],
    ['runtime/index.js', `${banner}${printStatements(runtimeIndexStatements(catalog))}`],
  ]);
}
