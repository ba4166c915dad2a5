/**
 * Provenance: the catalog's Chinese texts and examples are verbatim from the source document it cites,
 * and the spec states where every family, rule and example comes from.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Text } from '../generator/model/catalog.js';
import { realOutput, SPEC_DIR } from './helpers.js';

const { catalog } = await realOutput();
const docSource = catalog.sources.find((s) => s.id === 'doc');
const raw = readFileSync(join(SPEC_DIR, docSource?.path ?? 'missing'), 'utf8');
/** The document's text as read: link targets, bold markers and escapes removed. */
const plain = raw
  .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
  .replace(/\*\*/g, '')
  .replace(/\\\*/g, '*');

function texts(value: unknown, path: string, out: [string, Text][] = []): [string, Text][] {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) texts(v, `${path}[${i}]`, out);
  } else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.zh === 'string' && typeof o.en === 'string' && typeof o.authored === 'boolean')
      out.push([path, o as unknown as Text]);
    else for (const [k, v] of Object.entries(o)) texts(v, `${path}.${k}`, out);
  }
  return out;
}

test('every Chinese text not marked authored is verbatim in the source document', () => {
  const all = texts(catalog, 'catalog');
  const verbatim = all.filter(([, t]) => !t.authored);
  assert.ok(verbatim.length > 100, `${verbatim.length} verbatim texts`);
  const missing = verbatim.filter(([, t]) => !plain.includes(t.zh)).map(([p, t]) => `${p}: ${t.zh}`);
  assert.equal(missing, []);
});

test('the documented examples are the code blocks of the document, byte for byte, in order', () => {
  const blocks = [...raw.matchAll(/^( *)```\n([\s\S]*?)^\1```/gm)].map((m) =>
    (m[2] as string)
      .split('\n')
      .map((line) => line.slice((m[1] as string).length))
      .join('\n'),
  );
  assert.is(blocks.length, 9);
  const texts = catalog.families
    .flatMap((f) => f.examples)
    .map((id) => catalog.examples.find((e) => e.id === id)?.text);
  assert.equal(new Set(texts), new Set(blocks));
});

test('every notification name and label of the appendix table is in the catalog', () => {
  const rows = [...plain.matchAll(/-\s+([^|：\n]+)：(Instance:[A-Za-z.:]+)/g)].map((m) => [m[2], m[1]]);
  assert.is(rows.length, 33);
  for (const [name, label] of rows) {
    const event = catalog.events.find((e) => e.name === name);
    assert.ok(event, name);
    assert.is(event?.label.zh, label, name);
  }
});

test('every family, rule and example names a source section that exists', () => {
  const refs = new Set(catalog.sources.flatMap((s) => s.sections.map((x) => `${s.id}#${x.id}`)));
  for (const f of catalog.families) {
    assert.ok(refs.has(f.source.ref), f.id);
    for (const rule of f.presence) assert.ok(refs.has(rule.source.ref), rule.id);
  }
  for (const e of catalog.examples) assert.ok(refs.has(e.source.ref), e.id);
  for (const anchor of catalog.sources.flatMap((s) => s.sections.map((x) => x.anchor)).filter(Boolean)) {
    assert.ok(raw.includes(`#${anchor}`), `anchor ${anchor} is linked from the document`);
  }
});

test.run();
