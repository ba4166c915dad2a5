/**
 * A run builds from the bytes its key covers: the spec files and example files that specDigest read are
 * parsed from those bytes, not read again, so that a file saved between the digest and the load cannot
 * make the cached model or the no-op record describe another spec than the one they are filed under.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { specDigest } from '../generator/cache/index.js';
import { buildCatalog } from '../generator/index.js';
import { caseFamily, ROOT, tempDir } from './helpers.js';

const BASE = join(ROOT, 'test', 'golden', 'minimal', 'spec');

/** A family whose one example is read from examples/case.json. */
const FAMILY = caseFamily(`examples:
  - id: from-file
    title: { zh: 例, en: From a file }
    source: doc#widgets
    expect: valid
    file: ../examples/case.json
`);

function exampleEvent(caseId: string): string {
  return `${JSON.stringify({ name: 'Case:Happened', level: 'INFO', content: { caseId } }, null, 2)}\n`;
}

function specWithExample(): string {
  const spec = join(tempDir(), 'spec');
  cpSync(BASE, spec, { recursive: true });
  writeFileSync(join(spec, 'families', 'case.yaml'), FAMILY);
  mkdirSync(join(spec, 'examples'));
  writeFileSync(join(spec, 'examples', 'case.json'), exampleEvent('before'));
  return spec;
}

test('the spec and example files are parsed from the bytes the digest read', async () => {
  const spec = specWithExample();
  const read = new Map<string, Buffer>();
  const digest = specDigest(spec, read);
  assert.ok(digest);
  assert.ok(read.size >= 4, `${read.size} files kept`);
  // Saved after the digest: a label and the example change on disk.
  const family = join(spec, 'families', 'case.yaml');
  writeFileSync(family, FAMILY.replace('en: Happened', 'en: Changed'));
  writeFileSync(join(spec, 'examples', 'case.json'), exampleEvent('after'));

  const kept = await buildCatalog(spec, 'spec', { read });
  assert.equal(kept.diagnostics, []);
  const event = kept.catalog?.events.find((e) => e.name === 'Case:Happened');
  assert.is(event?.label.en, 'Happened');
  const example = kept.catalog?.examples.find((e) => e.id === 'from-file');
  assert.equal(example?.value, { name: 'Case:Happened', level: 'INFO', content: { caseId: 'before' } });

  // Without the bytes, the run reads the files as they are now.
  const fresh = await buildCatalog(spec, 'spec');
  assert.is(fresh.catalog?.events.find((e) => e.name === 'Case:Happened')?.label.en, 'Changed');
  const now = fresh.catalog?.examples.find((e) => e.id === 'from-file');
  assert.equal(now?.value, { name: 'Case:Happened', level: 'INFO', content: { caseId: 'after' } });
  // And the digest of what is on disk now differs from the one the kept bytes are filed under.
  assert.is.not(specDigest(spec), digest);
});

test('kept bytes go through the same checks: a kept binary file is refused as not text', async () => {
  const spec = specWithExample();
  const read = new Map<string, Buffer>();
  assert.ok(specDigest(spec, read));
  const family = [...read.keys()].find((path) => path.endsWith('case.yaml'));
  assert.ok(family);
  read.set(family, Buffer.from([0x6b, 0x69, 0x6e, 0x64, 0x3a, 0x00, 0x01]));
  const built = await buildCatalog(spec, 'spec', { read });
  assert.is(built.catalog, undefined);
  assert.equal(
    built.diagnostics.map((d) => d.code),
    ['not-text'],
  );
});

test.run();
