/**
 * Files written as pieces (texts and bytes made once): the bytes a filler gives, whatever the buffer's size,
 * are the file's UTF-8 bytes; and a JSON document with repeated values as tokens is written exactly as
 * JSON.stringify writes it with the values in place, nested tokens, arrays and look-alike texts included.
 */
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { JsonChunks } from '../generator/emit/json-schema/chunks.js';
import { listedJson, stringifiedAt } from '../generator/emit/shared/json.js';
import {
  byteFiller,
  EmitterError,
  knownByteLength,
  type Pieces,
  piecesOf,
  renderedText,
} from '../generator/support/pieces.js';

const RUNS = 300;

/** Texts with one-, two-, three- and four-byte characters. */
const text = fc.string({
  unit: fc.constantFrom('a', '"', '\\', '\n', 'é', '事', '件', '😀', '\u0000', '\u2028'),
  maxLength: 40,
});
const piece = fc.oneof(
  text,
  text.map((t) => new Uint8Array(Buffer.from(t, 'utf8'))),
);

function allBytes(pieces: Pieces, size: number): Buffer {
  const buffer = Buffer.alloc(size);
  const fill = byteFiller(pieces, buffer);
  const out: Buffer[] = [];
  for (let n = fill(); n > 0; n = fill()) {
    assert.ok(n <= size);
    out.push(Buffer.from(buffer.subarray(0, n)));
  }
  assert.is(fill(), 0, 'a filler that is done stays done');
  return Buffer.concat(out);
}

test('a filler gives the UTF-8 bytes of the pieces, one bufferful at a time, for any buffer size', () => {
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 12 }), fc.integer({ min: 4, max: 70 }), (pieces, size) => {
      const expected = Buffer.from(renderedText(pieces), 'utf8');
      assert.equal(allBytes(pieces, size), expected);
      assert.is(knownByteLength(pieces), expected.length);
      // The same pieces made as they are taken: the same bytes, every time they are gone through.
      let passes = 0;
      const made: Pieces = {
        *[Symbol.iterator]() {
          passes++;
          yield* pieces;
        },
      };
      assert.is(knownByteLength(made), undefined, 'not made to learn their length');
      assert.equal(allBytes(made, size), expected);
      assert.equal(allBytes(made, size), expected);
      assert.is(passes, 2);
    }),
    { numRuns: RUNS, seed: 1 },
  );
  // A text is a file of one piece; a text larger than the buffer is given in parts.
  const long = '事件'.repeat(100);
  assert.equal(allBytes([long], 16), Buffer.from(long));
  assert.equal(allBytes(long as unknown as Pieces, 16), Buffer.from(long), 'a plain text');
});

test("an error while pieces are made is the emitter's, whoever takes them", () => {
  const pieces = piecesOf('lazy', {
    *[Symbol.iterator]() {
      yield 'first ';
      throw new Error('boom');
    },
  });
  const fill = byteFiller(pieces, Buffer.alloc(64));
  assert.throws(
    fill,
    (error: Error) => error instanceof EmitterError && /emitter "lazy" failed: boom/.test(error.message),
  );
  assert.throws(() => renderedText(pieces), /emitter "lazy" failed: boom/);
});

/** A document's shape: objects, arrays, scalars, and references to values repeated elsewhere. */
type Shape =
  | { kind: 'object'; entries: [string, Shape][] }
  | { kind: 'array'; items: Shape[] }
  | { kind: 'scalar'; value: unknown }
  | { kind: 'ref'; index: number };

const { shape } = fc.letrec<{ shape: Shape }>((tie) => ({
  shape: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({
      kind: fc.constant('scalar' as const),
      value: fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean()),
    }),
    fc.record({ kind: fc.constant('ref' as const), index: fc.nat(5) }),
    fc.record({ kind: fc.constant('array' as const), items: fc.array(tie('shape'), { maxLength: 4 }) }),
    fc.record({
      kind: fc.constant('object' as const),
      entries: fc.array(fc.tuple(text, tie('shape')), { maxLength: 4 }),
    }),
  ),
}));

/** Builds `s`, a reference giving `ref(index)` (references to values not made yet are written as null). */
function build(s: Shape, ref: (index: number) => unknown): unknown {
  switch (s.kind) {
    case 'scalar':
      return s.value;
    case 'ref':
      return ref(s.index);
    case 'array':
      return s.items.map((item) => build(item, ref));
    case 'object':
      return Object.fromEntries(s.entries.map(([k, v]) => [k, build(v, ref)]));
  }
}

test('a document with tokens is written as JSON.stringify writes it with the values in place', () => {
  const container = fc.oneof(
    fc.record({
      kind: fc.constant('object' as const),
      entries: fc.array(fc.tuple(text, shape), { maxLength: 4 }),
    }),
    fc.record({ kind: fc.constant('array' as const), items: fc.array(shape, { maxLength: 4 }) }),
  );
  fc.assert(
    fc.property(fc.array(container, { maxLength: 6 }), container, (repeated, document) => {
      // Repeated value i may hold repeated values before it (tokens inside tokens).
      const inPlace: unknown[] = [];
      const values: object[] = [];
      const chunks = new JsonChunks();
      for (const s of repeated) {
        const known = inPlace.length;
        inPlace.push(build(s, (i) => (i < known ? inPlace[i] : null)));
        values.push(build(s, (i) => (i < known ? chunks.token(values[i] as object) : null)) as object);
      }
      const expected = `${JSON.stringify(
        build(document, (i) => inPlace[i] ?? null),
        null,
        2,
      )}\n`;
      const written = chunks.toJson(build(document, (i) => (values[i] ? chunks.token(values[i]) : null)));
      assert.is(renderedText(written), expected);
      assert.equal(allBytes(written, 64), Buffer.from(expected, 'utf8'));
    }),
    { numRuns: RUNS, seed: 2 },
  );
});

test('a value stringified where it stands is its JSON with every line after the first indented', () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 13 }), (value, indent) => {
      const alone = JSON.stringify(value, null, 2);
      assert.is(stringifiedAt(value, indent), alone.replaceAll('\n', `\n${' '.repeat(indent)}`));
    }),
    { numRuns: RUNS, seed: 3 },
  );
});

test('a long list written some items at a time is the JSON of the whole document', () => {
  const item = fc.oneof(
    fc.record({
      name: text,
      index: fc.integer(),
      errors: fc.array(fc.record({ path: text }), { maxLength: 2 }),
    }),
    text,
    fc.integer(),
    fc.constant(null),
    fc.array(text, { maxLength: 2 }),
  );
  fc.assert(
    fc.property(
      text,
      fc.array(item, { maxLength: 12 }),
      fc.integer({ min: 1, max: 5 }),
      (comment, items, atATime) => {
        const head = { $comment: comment, version: '1' };
        const expected = `${JSON.stringify({ ...head, list: items }, null, 2)}\n`;
        const pieces = listedJson(head, 'list', items, atATime);
        assert.is(renderedText(pieces), expected);
        assert.equal(allBytes(pieces, 16), Buffer.from(expected, 'utf8'), 'and again, as bytes');
      },
    ),
    { numRuns: RUNS, seed: 3 },
  );
  assert.throws(() => listedJson({ list: 1 }, 'list', [1]), /already has "list"/, 'the list must come last');
});

test('a text that looks like a token is written as text', () => {
  const chunks = new JsonChunks();
  const token = chunks.token({ a: 1 });
  const lookAlike = token.replace(/[0-9a-f]{24}/, '0'.repeat(24));
  const document = { real: token, fake: lookAlike, nul: '\u0000:0', list: [lookAlike, token] };
  const expected = JSON.stringify(
    { real: { a: 1 }, fake: lookAlike, nul: '\u0000:0', list: [lookAlike, { a: 1 }] },
    null,
    2,
  );
  assert.is(renderedText(chunks.toJson(document)), `${expected}\n`);
  assert.not.match(
    renderedText(chunks.toJson(document)),
    token.slice(1),
    'the nonce never reaches the output',
  );
});

test.run();
