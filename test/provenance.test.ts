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

/** A document's text as read: link targets, bold markers and escapes removed. */
function plainOf(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*\*/g, '')
    .replace(/\\\*/g, '*');
}
const plain = plainOf(raw);

/** Each cited source's document, raw and as read, by source id (sources without a file have none). */
const documents = new Map(
  catalog.sources.flatMap((s) => {
    if (s.path === undefined) return [];
    const text = readFileSync(join(SPEC_DIR, s.path), 'utf8');
    return [[s.id, { raw: text, plain: plainOf(text) }] as const];
  }),
);

/** Every text of the model with the source it falls under: the nearest enclosing `source`. */
function texts(
  value: unknown,
  path: string,
  source: string | undefined,
  out: [string, Text, string | undefined][] = [],
) {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) texts(v, `${path}[${i}]`, source, out);
  } else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.zh === 'string' && typeof o.en === 'string' && typeof o.authored === 'boolean') {
      const own = (o as unknown as Text).source?.split('#')[0];
      out.push([path, o as unknown as Text, own ?? source]);
      return out;
    }
    const own = (o.source as { ref?: unknown } | undefined)?.ref;
    const here = typeof own === 'string' ? own.split('#')[0] : source;
    for (const [k, v] of Object.entries(o)) if (k !== 'source') texts(v, `${path}.${k}`, here, out);
  }
  return out;
}

test('every Chinese text not marked authored is verbatim in the source document it falls under', () => {
  const all = texts(catalog, 'catalog', undefined);
  const verbatim = all.filter(([, t]) => !t.authored);
  assert.ok(verbatim.length > 100, `${verbatim.length} verbatim texts`);
  const missing = verbatim
    .filter(([, t, source]) => {
      const doc = source === undefined ? undefined : documents.get(source);
      // A text outside any sourced part (the catalog's title) is verbatim in one of the documents.
      if (!doc) return ![...documents.values()].some((d) => d.plain.includes(t.zh));
      return !doc.plain.includes(t.zh);
    })
    .map(([p, t, source]) => `${p} (${source}): ${t.zh}`);
  assert.equal(missing, []);
});

/** The JSON code blocks of a document, unindented. */
function codeBlocks(text: string): string[] {
  return [...text.matchAll(/^( *)```[^\n]*\n([\s\S]*?)^\1```/gm)]
    .map((m) =>
      (m[2] as string)
        .split('\n')
        .map((line) => line.slice((m[1] as string).length))
        .join('\n'),
    )
    .filter((block) => block.trimStart().startsWith('{'));
}

test('every documented example is a code block of the document it cites, byte for byte', () => {
  for (const e of catalog.examples) {
    const doc = documents.get(e.source.ref.split('#')[0] as string);
    assert.ok(doc, `${e.id} cites a document`);
    assert.ok(codeBlocks(doc?.raw ?? '').includes(e.text), `${e.id} is a code block of its document`);
  }
});

test('every event example of the notification pages is in the catalog', () => {
  const pages = ['doc', 'block-storage', 'snapshot'].filter((id) => documents.has(id));
  assert.ok(pages.length >= 1);
  const held = new Set(catalog.examples.map((e) => e.text));
  for (const id of pages) {
    const blocks = codeBlocks(documents.get(id)?.raw ?? '');
    assert.ok(blocks.length > 0, id);
    assert.equal(
      blocks.filter((b) => !held.has(b)),
      [],
      `examples of ${id} missing from the catalog`,
    );
  }
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
  for (const source of catalog.sources) {
    const doc = documents.get(source.id);
    for (const section of source.sections) {
      if (section.anchor === undefined) continue;
      assert.ok(
        doc?.raw.includes(`#${section.anchor}`),
        `anchor ${section.anchor} is linked from ${source.id}`,
      );
    }
  }
});

test.run();
