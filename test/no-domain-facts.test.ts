/**
 * The generator and the templates know nothing about ECS: no notification name, family, field, enum value,
 * format or tag of the catalog appears in their string literals or template text. Words that are also part
 * of the spec format's own vocabulary (such as "name" or "content") cannot be told apart and are exempt.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT, realOutput } from './helpers.js';

const { catalog } = await realOutput();

function formatVocabulary(): Set<string> {
  const words = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        words.add(key);
        visit(v);
      }
    } else if (typeof value === 'string') for (const w of value.split(/[^A-Za-z0-9_-]+/)) words.add(w);
  };
  visit(JSON.parse(readFileSync(join(ROOT, 'generator', 'spec-format.schema.json'), 'utf8')));
  return words;
}

function domainTerms(): Set<string> {
  const terms = new Set<string>();
  for (const e of catalog.events) {
    terms.add(e.name);
    terms.add(e.typeName);
    for (const f of [...e.envelope, ...e.content]) {
      terms.add(f.name);
      for (const v of f.enum ?? []) terms.add(String(v.value));
    }
  }
  for (const f of catalog.families) {
    terms.add(f.id);
    terms.add(f.typeName);
    for (const t of f.tags) terms.add(t.id);
  }
  for (const f of catalog.formats) terms.add(f.id);
  for (const t of catalog.resourceTypes) for (const term of [t.id, t.typeName, t.namePrefix]) terms.add(term);
  for (const c of catalog.categories) terms.add(c.id);
  for (const s of catalog.statuses) terms.add(s.id);
  terms.add(catalog.product);
  const vocabulary = formatVocabulary();
  return new Set([...terms].filter((t) => !vocabulary.has(t)));
}

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** The text of a file that could carry a domain fact: string literals in code, everything in templates. */
function scannable(path: string, text: string): string {
  if (!/\.[cm]?ts$/.test(path)) return text;
  return [...text.matchAll(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g)]
    .map((m) => m[0])
    .join('\n');
}

/** The domain terms that occur as whole words in `text`. */
function findTerms(text: string, terms: ReadonlySet<string>): string[] {
  const found: string[] = [];
  for (const term of terms) {
    const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (new RegExp(`(^|[^A-Za-z0-9_.:-])${escaped}($|[^A-Za-z0-9_:-])`).test(text)) found.push(term);
  }
  return found;
}

test('the scanner finds a planted domain fact', () => {
  const terms = domainTerms();
  assert.ok(terms.has('Instance:StateChange') && terms.has('notBefore') && terms.has('Scheduled'));
  assert.equal(findTerms(scannable('x.ts', "const a = 'Instance:StateChange';"), terms), [
    'Instance:StateChange',
  ]);
  assert.equal(findTerms(scannable('x.ts', '// notBefore in a comment is prose'), terms), []);
  assert.equal(findTerms(scannable('x.hbs', 'when {{x}} is Scheduled'), terms), ['Scheduled']);
});

/**
 * Words of an output format's own syntax that happen to equal a catalog term, allowed in the one file
 * that writes that format.
 */
const SYNTAX: Record<string, readonly string[]> = {
  // Mermaid declares a state with the keyword `state`.
  'generator/emit/docs/mermaid.ts': ['state'],
};

test('generator/ and templates/ contain no event name, status or field of the catalog', () => {
  const terms = domainTerms();
  const hits: string[] = [];
  for (const path of [...files(join(ROOT, 'generator')), ...files(join(ROOT, 'templates'))]) {
    const allowed = SYNTAX[relative(ROOT, path)] ?? [];
    const found = findTerms(scannable(path, readFileSync(path, 'utf8')), terms).filter(
      (t) => !allowed.includes(t),
    );
    if (found.length > 0) hits.push(`${relative(ROOT, path)}: ${found.join(', ')}`);
  }
  assert.equal(hits, []);
});

test.run();
