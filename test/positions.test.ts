/**
 * JSON Pointers: the encoding that diagnostics and fixtures use, held to RFC 6901's two escapes and to its
 * decoder.
 */
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parsePointer, toPointer } from '../generator/load/positions.js';

const segment = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', '~', '/', '0', '1', '~0', '~1', 'é', ' ') }),
  fc.nat(),
);

test('a path is encoded with ~ as ~0 and / as ~1, and decodes back to its segments', () => {
  fc.assert(
    fc.property(fc.array(segment, { maxLength: 6 }), (path) => {
      const expected = path.map((s) => `/${String(s).split('~').join('~0').split('/').join('~1')}`).join('');
      assert.is(toPointer(path), expected);
      assert.equal(parsePointer(toPointer(path)), path.map(String));
    }),
    { numRuns: 500, seed: 4 },
  );
});

test('the root is the empty pointer, and an empty key is a segment', () => {
  assert.is(toPointer([]), '');
  assert.is(toPointer(['']), '/');
  assert.is(toPointer(['a/b', 'c~d', 0]), '/a~1b/c~0d/0');
});

test.run();
