/**
 * A small printer for the TypeScript declarations the emitters build. The emitters describe what to
 * declare as ts-morph structures (the same objects ts-morph's printer takes); this prints them without
 * loading ts-morph, whose start-up a run should not pay for laying out text (a test holds both printers to
 * the same declarations). Names, types and docs arrive already quoted and escaped
 * by the helpers of escape.ts; this only lays them out.
 */
import { lookup, remembering } from '../../support/lookup.js';

// The structures below are the subset of ts-morph's statement structures that the emitters use, with the
// same shapes and the same `kind` numbers, so that ts-morph can print them too (the test does).
export const Kind = {
  ImportDeclaration: 16,
  Interface: 19,
  TypeAlias: 38,
  VariableStatement: 41,
  Function: 13,
} as const;

export interface TypeParameter {
  readonly name: string;
  readonly isConst?: boolean;
  readonly constraint?: string;
  readonly default?: string;
}

export interface Property {
  readonly name: string;
  readonly type: string;
  readonly isReadonly?: boolean;
  readonly hasQuestionToken?: boolean;
  readonly docs?: readonly string[];
}

export interface InterfaceStructure {
  readonly kind: typeof Kind.Interface;
  readonly name: string;
  readonly isExported?: boolean;
  readonly extends?: readonly string[];
  readonly docs?: readonly string[];
  readonly properties: readonly Property[];
}

export interface TypeAliasStructure {
  readonly kind: typeof Kind.TypeAlias;
  readonly name: string;
  readonly isExported?: boolean;
  readonly typeParameters?: readonly TypeParameter[];
  readonly type: string;
  readonly docs?: readonly string[];
}

export interface VariableStructure {
  readonly kind: typeof Kind.VariableStatement;
  readonly isExported?: boolean;
  readonly hasDeclareKeyword?: boolean;
  readonly declarationKind: 'const';
  readonly docs?: readonly string[];
  readonly declarations: readonly {
    readonly name: string;
    readonly type?: string;
    readonly initializer?: string;
  }[];
}

export interface Parameter {
  readonly name: string;
  readonly type: string;
  readonly hasQuestionToken?: boolean;
}

export interface Signature {
  readonly typeParameters?: readonly TypeParameter[];
  readonly parameters: readonly Parameter[];
  readonly returnType: string;
  readonly docs?: readonly string[];
  readonly isExported?: boolean;
  readonly hasDeclareKeyword?: boolean;
}

export interface FunctionStructure extends Signature {
  readonly kind: typeof Kind.Function;
  readonly name: string;
  readonly overloads?: readonly Signature[];
}

export interface ImportStructure {
  readonly kind: typeof Kind.ImportDeclaration;
  readonly moduleSpecifier: string;
  readonly namedImports?: readonly string[];
  readonly defaultImport?: string;
}

/** What the emitters print: structures, or text printed elsewhere. */
export type Statement =
  | string
  | InterfaceStructure
  | TypeAliasStructure
  | VariableStructure
  | FunctionStructure
  | ImportStructure;

const INDENT = '  ';

type Docs = readonly string[] | undefined;

function printDocs(docs: Docs, indent: string): string {
  if (!docs || docs.length === 0) return '';
  if (docs.length === 1) return docBlock(docs[0] as string, indent);
  return docs.map((text) => docBlock(text, indent)).join('');
}

/**
 * Printed doc blocks of members by indent, then text. A large catalog's declarations repeat the same field
 * docs in every notification's interface, and the emitters hand the same string over each time, so the
 * lookup is cheap (see remembering in lookup.ts). A declaration's own docs (no indent) name it, so each is
 * printed once: remembered, each would be a new text to hash (a joined text is copied flat for that) and
 * keep, for nothing.
 */
const blocks = new Map<string, (text: string) => string>();

function docBlock(text: string, indent: string): string {
  if (indent === '') return printBlock(text, indent);
  return lookup(blocks, indent, () => remembering((t) => printBlock(t, indent)))(text);
}

function printBlock(text: string, indent: string): string {
  const lines = text.split('\n');
  return lines.length === 1
    ? `${indent}/** ${lines[0]} */\n`
    : `${indent}/**\n${lines.map((l) => (l === '' ? `${indent} *` : `${indent} * ${l}`)).join('\n')}\n${indent} */\n`;
}

function typeParameters(params: readonly TypeParameter[] | undefined): string {
  if (!params || params.length === 0) return '';
  const items = params.map(
    (p) =>
      `${p.isConst ? 'const ' : ''}${p.name}${p.constraint ? ` extends ${p.constraint}` : ''}${p.default ? ` = ${p.default}` : ''}`,
  );
  return `<${items.join(', ')}>`;
}

function exported(s: { isExported?: boolean; hasDeclareKeyword?: boolean }): string {
  return `${s.isExported ? 'export ' : ''}${s.hasDeclareKeyword ? 'declare ' : ''}`;
}

function printProperty(p: Property): string {
  const readonly = p.isReadonly ? 'readonly ' : '';
  return `${printDocs(p.docs, INDENT)}${INDENT}${readonly}${p.name}${p.hasQuestionToken ? '?' : ''}: ${p.type};\n`;
}

function printInterface(s: InterfaceStructure): string {
  const ext = s.extends && s.extends.length > 0 ? ` extends ${s.extends.join(', ')}` : '';
  const head = `${printDocs(s.docs, '')}${exported(s)}interface ${s.name}${ext} {`;
  const props = s.properties.map(printProperty).join('');
  return props === '' ? `${head}\n}\n` : `${head}\n${props}}\n`;
}

function printTypeAlias(s: TypeAliasStructure): string {
  return `${printDocs(s.docs, '')}${exported(s)}type ${s.name}${typeParameters(s.typeParameters)} = ${s.type};\n`;
}

function printVariable(s: VariableStructure): string {
  const decls = s.declarations.map(
    (d) => `${d.name}${d.type ? `: ${d.type}` : ''}${d.initializer ? ` = ${d.initializer}` : ''}`,
  );
  return `${printDocs(s.docs, '')}${exported(s)}${s.declarationKind} ${decls.join(', ')};\n`;
}

function parameters(params: readonly Parameter[]): string {
  return params.map((p) => `${p.name}${p.hasQuestionToken ? '?' : ''}: ${p.type}`).join(', ');
}

function signature(
  name: string,
  s: Signature,
  own: { isExported?: boolean; hasDeclareKeyword?: boolean },
): string {
  return `${printDocs(s.docs, '')}${exported(own)}function ${name}${typeParameters(s.typeParameters)}(${parameters(s.parameters)}): ${s.returnType};\n`;
}

function printFunction(s: FunctionStructure): string {
  // Overloads come first, as in TypeScript; every signature is a declaration (no bodies are printed).
  const overloads = (s.overloads ?? []).map((o) => signature(s.name, o, s)).join('');
  return `${overloads}${signature(s.name, s, s)}`;
}

function printImport(s: ImportStructure): string {
  const named = s.namedImports;
  const parts = [s.defaultImport, named && named.length > 0 ? `{ ${named.join(', ')} }` : undefined].filter(
    Boolean,
  );
  return `import ${parts.join(', ')} from ${JSON.stringify(s.moduleSpecifier)};\n`;
}

function printStatement(statement: Statement): string {
  if (typeof statement === 'string') return `${statement.replace(/\n+$/, '')}\n`;
  switch (statement.kind) {
    case Kind.Interface:
      return printInterface(statement);
    case Kind.TypeAlias:
      return printTypeAlias(statement);
    case Kind.VariableStatement:
      return printVariable(statement);
    case Kind.Function:
      return printFunction(statement);
    case Kind.ImportDeclaration:
      return printImport(statement);
  }
}

/** Blocks (interfaces, raw text) stand apart; one-line declarations of a kind stay together. */
function isBlock(statement: Statement): boolean {
  return typeof statement === 'string' || statement.kind === Kind.Interface;
}

/** The statements as the text of one module. */
export function printStatements(statements: Iterable<Statement>): string {
  let out = '';
  for (const text of printedStatements(statements)) out += text;
  return out;
}

/**
 * The statements' texts one by one (with the blank lines between them), printed as they are taken: a large
 * module's statements need not all exist at once, nor its text as one string.
 */
export function* printedStatements(statements: Iterable<Statement>): Generator<string> {
  let previous: Statement | undefined;
  for (const statement of statements) {
    const kindChanged =
      previous !== undefined &&
      typeof previous !== 'string' &&
      typeof statement !== 'string' &&
      previous.kind !== statement.kind;
    const text = printStatement(statement);
    yield previous !== undefined && (isBlock(previous) || isBlock(statement) || kindChanged)
      ? `\n${text}`
      : text;
    previous = statement;
  }
}
