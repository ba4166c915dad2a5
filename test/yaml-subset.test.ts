/**
 * The subset reader (generator/yaml-subset.ts) against the `yaml` library, which stays the reference: for
 * every text the reader accepts, both must give the same value (compared with SameValue semantics, so -0,
 * NaN and key order count), and the library must report no error or warning. Checked on every spec file of
 * the repository, on hand-written cases of each construct, on texts the library writes from random values
 * in every style it has, and on those texts and the real spec files after random edits.
 * YAML_SUBSET_RUNS raises the number of generated cases (default 400 per property); YAML_SUBSET_SEED
 * shifts the seeds (default 0).
 */
import { deepStrictEqual } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseDocument, stringify } from 'yaml';
import { MAX_DEPTH } from '../generator/load/files.js';
import { readYamlSubset, UNSUPPORTED } from '../generator/load/yaml-subset.js';
import { ROOT, SPEC_DIR } from './helpers.js';

const RUNS = Number(process.env.YAML_SUBSET_RUNS ?? 400);
const SEED = Number(process.env.YAML_SUBSET_SEED ?? 0);

const REFUSED = Symbol('refused by the library');

/** What the loader gets from the library for `text`: the value, or REFUSED when it reports anything. */
function library(text: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, strict: true });
  if (doc.errors.length > 0 || doc.warnings.length > 0) return REFUSED;
  try {
    return doc.toJS({ maxAliasCount: 1000 });
  } catch {
    return REFUSED;
  }
}

/** Checks that the reader agrees with the library on `text`; whether it read it or declined. */
function agree(text: string): 'read' | 'declined' {
  const fast = readYamlSubset(text);
  if (fast === UNSUPPORTED) return 'declined';
  const reference = library(text);
  if (reference === REFUSED) throw new Error(`the reader accepted a text the library refuses:\n${text}`);
  deepStrictEqual(fast, reference, `the reader and the library differ on:\n${text}`);
  return 'read';
}

function yamlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFilesUnder(full));
    else if (/\.ya?ml$/.test(entry.name)) out.push(full);
  }
  return out.sort();
}

test('every file of the real spec is read, to the library value', () => {
  const files = yamlFilesUnder(SPEC_DIR);
  assert.ok(files.length >= 7);
  for (const file of files) assert.is(agree(readFileSync(file, 'utf8')), 'read', file);
});

test('the golden and broken specs of the tests: read to the library value, or declined', () => {
  const files = [
    ...yamlFilesUnder(join(ROOT, 'test', 'golden')),
    ...yamlFilesUnder(join(ROOT, 'test', 'invalid')),
  ];
  const outcomes = files.map((file) => agree(readFileSync(file, 'utf8')));
  assert.ok(files.length > 40);
  // Most broken specs are broken in meaning, not in syntax: they are still read by the subset reader.
  assert.ok(outcomes.filter((o) => o === 'read').length > files.length / 2);
});

const READ: readonly [string, string][] = [
  ['block mapping', 'a: 1\nb: two\n'],
  ['nested mappings and sequences', 'a:\n  b:\n    - 1\n    - x: 2\n      y: [3, 4]\n  c: {}\n'],
  ['a sequence at its key’s indentation', 'a:\n- 1\n- 2\nb: 3\n'],
  ['an empty value is null', 'a:\nb: # comment\n  \nc: 1\n'],
  ['an empty item is null', 'list:\n  -\n  - b\n'],
  ['comments everywhere', '# top\na: 1 # after\n  # indented comment\nb: x#not-a-comment\n'],
  [
    'core schema scalars',
    'a: ~\nb: Null\nc: TRUE\nd: false\ne: 0o17\nf: -0\ng: +12\nh: 0x1F\ni: .inf\nj: -.Inf\nk: .NaN\nl: 1e3\nm: -.5E-2\nn: 1.\no: 12345678901234567890\np: 1.0.0\nq: 0b1\nr: yes\n',
  ],
  ['plain scalars with colons and hashes', 'url: https://example.com/a#b\ntime: 12:30\nx: a:b\n'],
  ['multi-line plain scalars fold', 'a: one\n  two\n\n  three\n\n\n  four\nb: -five\n'],
  [
    'quoted scalars',
    `a: 'it''s'\nb: "tab\\tnew\\nline \\u00e9 \\x41 \\U0001F600 \\\\ \\" \\/ \\_ \\N \\L \\P \\0"\nc: "# not a comment"\n`,
  ],
  ['quoted keys', `"a b": 1\n'c: d': 2\n"": 3\n`],
  ['literal block scalars', 'a: |\n  one\n    indented\n\n  two\nb: |-\n  strip\n\nc: 1\n'],
  ['folded block scalars', 'a: >\n  one\n  two\n\n  three\nb: >-\n  four\n  five\n'],
  ['block scalars in sequences', 'a:\n  - |\n    x\n  - y: >-\n      z\n'],
  ['flow collections', 'a: [1, "two", three four, [], {}]\nb: { c: 1, "d": [e] }\nc: [a, b, ]\n'],
  ['flow collections over lines', 'a:\n  {\n    b: 1, # comment\n    c: [x,\n      y],\n  }\nd: 1\n'],
  [
    'hashes and colons inside flow scalars',
    'a: { source: doc#widgets, t: 12:30, u: [x:y] }\nb: [c, # comment\n  d]\n',
  ],
  ['a flow collection on the line after its key', 'label:\n  { zh: 中文, en: "English" }\n'],
  ['non-ASCII text', 'zh: 实例事件通知（系统维护）\nemoji: "😀"\n'],
  ['keys that look like object properties', 'constructor: 1\ntoString: 2\nhasOwnProperty: 3\n'],
  ['integer-like quoted keys keep object order', '"10": a\n"2": b\nz: c\n'],
  ['an indented document', '  a: 1\n  b:\n    - 2\n'],
  ['no final line break', 'a: 1\nb: [x]'],
  ['a sequence document', '- 1\n- a: b\n'],
];

/** `depth` block mappings, each nested in the one before. */
function nestedMappings(depth: number): string {
  let text = '';
  for (let i = 0; i < depth - 1; i++) text += `${' '.repeat(i)}k${i}:\n`;
  return `${text}${' '.repeat(depth - 1)}leaf: 1\n`;
}

/** A key whose value is `depth` flow sequences, each nested in the one before. */
function nestedFlow(depth: number): string {
  return `a: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
}

test('nesting: read up to MAX_DEPTH block or flow collections, declined beyond (the loader refuses it)', () => {
  for (const nested of [nestedMappings, nestedFlow]) {
    assert.is(agree(nested(MAX_DEPTH)), 'read', `${nested.name}(${MAX_DEPTH})`);
    assert.is(readYamlSubset(nested(MAX_DEPTH + 1)), UNSUPPORTED, `${nested.name}(${MAX_DEPTH + 1})`);
  }
  // A deep block inside a sequence item and a deep flow inside a deep block count as deep too.
  assert.is(readYamlSubset(`- ${nestedMappings(MAX_DEPTH).replaceAll('\n', '\n  ')}`), UNSUPPORTED);
  assert.is(readYamlSubset(`- x\n- ${nestedFlow(MAX_DEPTH + 1)}`), UNSUPPORTED);
});

for (const [name, text] of READ) {
  test(`read: ${name}`, () => {
    assert.is(agree(text), 'read');
  });
}

const DECLINED: readonly [string, string][] = [
  ['anchors and aliases', 'a: &x 1\nb: *x\n'],
  ['tags', 'a: !!str 1\n'],
  ['tabs', 'a:\t1\n'],
  ['carriage returns', 'a: 1\r\nb: 2\r\n'],
  ['a byte-order mark inside', 'a: \ufeff1\n'],
  ['directives', '%YAML 1.2\n---\na: 1\n'],
  ['several documents', 'a: 1\n---\nb: 2\n'],
  ['a document end marker', 'a: 1\n...\n'],
  ['duplicate keys', 'a: 1\na: 2\n'],
  ['duplicate keys in a flow mapping', 'a: { b: 1, b: 2 }\n'],
  ['non-string plain keys', '1: a\n'],
  ['null keys', '~: a\n'],
  ['the __proto__ key', '__proto__: a\n'],
  ['merge keys', '<<: a\n'],
  ['explicit keys', '? a\n: b\n'],
  ['a nested mapping on one line', 'a: b: c\n'],
  ['a sequence after a key on its line', 'a: - b\n'],
  ['a multi-line quoted scalar', 'a: "one\n  two"\n'],
  ['an unclosed flow collection', 'a: [1, 2\n'],
  ['a flow collection not indented under its key', 'a:\n  b: [1,\n  2]\n'],
  ['text after a quoted scalar', 'a: "b" c\n'],
  ['keep chomping', 'a: |+\n  b\n\n'],
  ['an indentation indicator', 'a: |2\n   b\n'],
  ['a more-indented line in a folded scalar', 'a: >\n  b\n    c\n'],
  ['a block scalar without a final line break', 'a: |\n  b'],
  ['leading empty lines in a block scalar', 'a: |\n\n  b\n'],
  ['bad indentation', 'a: 1\n  b: 2\n'],
  ['a scalar document', 'just text\n'],
  ['an empty document', '# nothing\n'],
  ['an invalid escape', 'a: "\\q"\n'],
  ['a comment inside a multi-line plain scalar', 'a: one\n  # c\n  two\n'],
  ['an item and a key at one indentation', 'a:\n  - 1\n  b: 2\n'],
];

for (const [name, text] of DECLINED) {
  test(`declined: ${name}`, () => {
    assert.is(readYamlSubset(text), UNSUPPORTED);
  });
}

// Generated texts: random values written by the library in each of its styles.
const textUnit = fc.constantFrom(
  ...'abcxyz 019.-_:#,[]{}"\'\\|>!&*?%@`~eE+\n中é😀'.split(/(?:)/u),
  ': ',
  ' #',
  '- ',
  'true',
  'null',
  '0x1',
  '.inf',
  '\t',
);
const text = fc.string({ unit: textUnit, maxLength: 12 });
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(text, tie('value'), { maxKeys: 4 }),
  ),
}));
const document = fc.dictionary(text, value, { minKeys: 1, maxKeys: 5 });
const style = fc.record({
  indent: fc.constantFrom(2, 3, 4),
  indentSeq: fc.boolean(),
  lineWidth: fc.constantFrom(0, 16, 40, 80),
  minContentWidth: fc.constantFrom(0, 10, 20),
  defaultStringType: fc.constantFrom(
    'PLAIN' as const,
    'QUOTE_DOUBLE' as const,
    'QUOTE_SINGLE' as const,
    'BLOCK_LITERAL' as const,
    'BLOCK_FOLDED' as const,
  ),
  defaultKeyType: fc.constantFrom(null, 'PLAIN' as const, 'QUOTE_DOUBLE' as const),
  collectionStyle: fc.constantFrom('any' as const, 'block' as const, 'flow' as const),
  flowCollectionPadding: fc.boolean(),
});

test('texts the library writes from random values: read to the same value, or declined', () => {
  let read = 0;
  fc.assert(
    fc.property(document, style, (data, options) => {
      if (agree(stringify(data, options)) === 'read') read++;
    }),
    { numRuns: RUNS, seed: SEED + 42 },
  );
  // The reader must read a good share of ordinary YAML, or this test would exercise nothing.
  assert.ok(read > RUNS / 4, `read ${read} of ${RUNS}`);
});

// Random edits: characters inserted or deleted, lines duplicated, swapped or re-indented.
const edit = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(textUnit, text) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -3, max: 3 }) }),
);
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function applyEdit(source: string, e: Edit): string {
  if (e.op === 'insert') {
    const at = e.at % (source.length + 1);
    return source.slice(0, at) + e.text + source.slice(at);
  }
  if (e.op === 'delete') {
    const at = e.at % Math.max(1, source.length);
    return source.slice(0, at) + source.slice(at + e.length);
  }
  const lines = source.split('\n');
  const at = e.at % lines.length;
  const line = lines[at] as string;
  if (e.op === 'duplicate') lines.splice(at, 0, line);
  else if (e.op === 'swap' && at + 1 < lines.length)
    [lines[at], lines[at + 1]] = [lines[at + 1] as string, line];
  else if (e.op === 'indent')
    lines[at] = e.by >= 0 ? ' '.repeat(e.by) + line : line.replace(new RegExp(`^ {0,${-e.by}}`), '');
  return lines.join('\n');
}

test('edited texts: read to the library value, or declined', () => {
  let read = 0;
  fc.assert(
    fc.property(document, style, fc.array(edit, { minLength: 1, maxLength: 3 }), (data, options, edits) => {
      const edited = edits.reduce(applyEdit, stringify(data, options));
      if (agree(edited) === 'read') read++;
    }),
    { numRuns: RUNS, seed: SEED + 7 },
  );
  assert.ok(read > 0);
});

test('edited spec files: read to the library value, or declined', () => {
  const files = yamlFilesUnder(SPEC_DIR).map((f) => readFileSync(f, 'utf8'));
  let read = 0;
  fc.assert(
    fc.property(fc.nat(), fc.array(edit, { minLength: 1, maxLength: 3 }), (pick, edits) => {
      const edited = edits.reduce(applyEdit, files[pick % files.length] as string);
      if (agree(edited) === 'read') read++;
    }),
    { numRuns: RUNS, seed: SEED + 11 },
  );
  assert.ok(read > RUNS / 4, `read ${read} of ${RUNS}`);
});

test.run();
