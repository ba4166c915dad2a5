/**
 * The package's index module (runtime/index.js): it makes the validator from the engine and the data table,
 * and exports its helpers under the names the catalog gives them.
 */
import type { Catalog } from '../model/catalog.js';
import { tsString } from './shared/escape.js';
import { familyNames, packageNames } from './shared/names.js';
import { Kind, type Statement } from './shared/ts-print.js';

/** The statements of runtime/index.js. */
export function runtimeIndexStatements(catalog: Catalog): Statement[] {
  const names = packageNames(catalog);
  const constant = (name: string, initializer: string, isExported = true): Statement => ({
    kind: Kind.VariableStatement,
    isExported,
    declarationKind: 'const',
    declarations: [{ name, initializer }],
  });
  return [
    { kind: Kind.ImportDeclaration, moduleSpecifier: './engine.js', namedImports: ['createValidator'] },
    { kind: Kind.ImportDeclaration, moduleSpecifier: './data.js', defaultImport: 'data' },
    constant('validator', 'createValidator(data)', false),
    constant(names.names, 'validator.names'),
    ...catalog.families.map((f) =>
      constant(familyNames(f).names, `validator.familyNames(${tsString(f.id)})`),
    ),
    constant(names.isEventName, 'validator.isName'),
    constant(names.isEvent, 'validator.is'),
    constant(names.validateEvent, 'validator.validate'),
    constant(names.parseEvent, 'validator.parse'),
  ];
}
