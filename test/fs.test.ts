/**
 * The file-system helpers every stage shares: the one walk of a folder's files, and the write that leaves
 * a file whole or as it was.
 */
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { listFiles, walkFiles, writeFileAtomic } from '../generator/support/fs.js';
import { tempDir } from './helpers.js';

test('listFiles: every file below, relative, sorted by code units; a folder symlink is a file, not descended', () => {
  const root = tempDir();
  mkdirSync(join(root, 'a', 'b'), { recursive: true });
  mkdirSync(join(root, 'elsewhere'));
  for (const path of ['a/b/c.txt', 'a-z.txt', 'Z.txt', 'elsewhere/x.txt'])
    writeFileSync(join(root, path), path);
  symlinkSync(join(root, 'elsewhere'), join(root, 'a', 'link'));
  assert.equal(listFiles(root), ['Z.txt', 'a-z.txt', 'a/b/c.txt', 'a/link', 'elsewhere/x.txt']);
  const links: string[] = [];
  walkFiles(root, (path, entry) => entry.isSymbolicLink() && links.push(path));
  assert.equal(links, ['a/link']);
  assert.equal(listFiles(join(root, 'absent')), []);
  assert.throws(() => listFiles(join(root, 'Z.txt')), /cannot read .*Z\.txt/);
});

test('writeFileAtomic: creates the folder, replaces the file, and leaves nothing behind when it fails', () => {
  const root = tempDir();
  const path = join(root, 'deep', 'record.json');
  writeFileAtomic(path, '{"a":1}');
  writeFileAtomic(path, Buffer.from('{"a":2}'));
  assert.is(readFileSync(path, 'utf8'), '{"a":2}');
  // A folder in the way: the rename fails, the temporary file is removed and the error thrown.
  const blocked = join(root, 'blocked');
  mkdirSync(join(blocked, 'inside'), { recursive: true });
  assert.throws(() => writeFileAtomic(blocked, 'x'));
  assert.equal(readdirSync(root).sort(), ['blocked', 'deep']);
  assert.equal(readdirSync(join(root, 'deep')), ['record.json']);
});

test.run();
