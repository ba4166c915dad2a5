/**
 * The TypeScript printer (emit/ts-print.ts) against the libraries it stands in for on the hot path:
 * ts-morph printing the same structures must declare the same things, and json-schema-to-typescript must
 * derive the same field types from the JSON Schemas of the fields.
 */
import { compile } from 'json-schema-to-typescript';
import { Project, StructureKind } from 'ts-morph';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runtimeIndexStatements } from '../generator/emit/runtime-index.js';
import { fieldValueSchema } from '../generator/emit/shared/field-schema.js';
import { Kind, printStatements } from '../generator/emit/shared/ts-print.js';
import { fieldInterfaces } from '../generator/emit/types/fields.js';
import { typeStatements } from '../generator/emit/types/statements.js';
import type { FieldModel } from '../generator/model/catalog.js';
import { generateFiles, ROOT, realOutput } from './helpers.js';

const { catalog } = await realOutput();
const hostile = (await generateFiles(`${ROOT}/test/golden/hostile/spec`, 'spec')).catalog;

test('the structure kinds are the ones ts-morph uses', () => {
  assert.equal(Kind, {
    ImportDeclaration: StructureKind.ImportDeclaration,
    Interface: StructureKind.Interface,
    TypeAlias: StructureKind.TypeAlias,
    VariableStatement: StructureKind.VariableStatement,
    Function: StructureKind.Function,
  });
});

/** Every statement of a source file as normalized text (whitespace collapsed, semicolons dropped), with its docs. */
function declarations(text: string, name: string): string[] {
  const file = new Project({
    useInMemoryFileSystem: true,
    compilerOptions: { allowJs: true },
  }).createSourceFile(name, text);
  return file.getStatements().map((s) => {
    const docs =
      'getJsDocs' in s
        ? (s as unknown as { getJsDocs(): { getInnerText(): string }[] })
            .getJsDocs()
            .map((d) => d.getInnerText())
        : [];
    return `${docs.join('|').replace(/\s+/g, ' ')} :: ${s.getText().replace(/\s+/g, ' ').replace(/;/g, '').replace(/'/g, '"')}`;
  });
}

for (const [label, model] of [
  ['real catalog', catalog],
  ['hostile catalog', hostile],
] as const) {
  test(`ts-morph prints the same declarations from the same structures (${label})`, () => {
    if (!model) throw new Error('no model');
    for (const [statements, name] of [
      [[...typeStatements(model)], 'index.d.ts'],
      [runtimeIndexStatements(model), 'index.js'],
    ] as const) {
      const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { allowJs: true } });
      const morphed = project
        .createSourceFile(`morph-${name}`, { statements: statements as never })
        .getFullText();
      const ours = printStatements(statements);
      const mine = declarations(ours, `ours-${name}`);
      assert.ok(mine.length > 10, `${mine.length} statements`);
      assert.equal(mine, declarations(morphed, `theirs-${name}`), name);
    }
  });
}

test('json-schema-to-typescript derives the same field types from the field schemas', async () => {
  for (const iface of fieldInterfaces(catalog)) {
    const family = catalog.families.find((f) => `${f.typeName}Fields` === iface.name);
    const fields: readonly FieldModel[] =
      family?.content ??
      catalog.envelope.fields.filter((f) => iface.properties.some((p) => p.name === f.name));
    const properties = Object.fromEntries(fields.map((f) => [f.name, fieldValueSchema(f)]));
    const required = iface.properties.filter((p) => !p.hasQuestionToken).map((p) => p.name);
    const schema = { title: iface.name, type: 'object', additionalProperties: false, required, properties };
    const text = await compile(schema as never, iface.name, {
      bannerComment: '',
      format: false,
      unknownAny: true,
    });
    const theirs = new Project({ useInMemoryFileSystem: true })
      .createSourceFile('x.ts', text)
      .getInterfaceOrThrow(iface.name);
    const norm = (t: string) => t.replace(/[\s()]/g, '');
    for (const p of iface.properties) {
      const other = theirs.getPropertyOrThrow(p.name.replace(/^"|"$/g, ''));
      assert.is(norm(other.getTypeNodeOrThrow().getText()), norm(p.type), `${iface.name}.${p.name}`);
      assert.is(other.hasQuestionToken(), p.hasQuestionToken === true, `${iface.name}.${p.name} optional`);
    }
    assert.is(theirs.getProperties().length, iface.properties.length, iface.name);
  }
});

test.run();
