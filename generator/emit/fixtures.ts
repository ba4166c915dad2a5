/**
 * Fixtures for consumers' tests: for every notification a minimal and a complete valid event, every
 * documented example verbatim, and invalid events that each break one rule (in one file per notification,
 * with a sidecar that names, for each, the rule and the error a validator must report).
 * fixtures/index.json lists them all, each invalid event by its file and position.
 */
import type { Catalog, ExampleModel } from '../catalog.js';
import type { Pieces, Rendered } from '../pieces.js';
import { bannerText, toJson } from './banner.js';
import { invalidCases } from './fixture-cases.js';
import { validEventJson } from './fixture-values.js';

export interface FixtureEntry {
  readonly name: string;
  readonly kind: 'valid' | 'invalid' | 'documented';
  readonly path: string;
  readonly [key: string]: unknown;
}

/** Every fixture file and fixtures/index.json. */
export function* emitFixtures(catalog: Catalog): Generator<readonly [string, Rendered]> {
  const entries: FixtureEntry[] = [];
  // One folder at a time, in the order of the paths (the write stage sorts them all at the end, and a list
  // in long sorted runs sorts in a fraction of the time of one that alternates between folders).
  for (const event of catalog.events) {
    for (const variant of ['complete', 'minimal'] as const) {
      const path = `valid/${event.slug}.${variant}.json`;
      yield [`fixtures/${path}`, validEventJson(catalog, event, variant)];
      entries.push({ name: event.name, kind: 'valid', variant, path });
    }
  }
  for (const event of catalog.events) {
    // One file holds a notification's invalid events, and its sidecar says, case by case, which rule each
    // breaks and what a validator must report: two files per name, however many rules apply.
    const cases = invalidCases(catalog, event);
    const path = `invalid/${event.slug}.json`;
    const expected = `invalid/${event.slug}.expected.json`;
    const sidecar = cases.map((c) => ({
      rule: c.rule,
      field: c.field,
      description: c.description,
      strict: c.strict,
      errors: c.errors,
    }));
    yield [
      `fixtures/${expected}`,
      toJson({ $comment: bannerText([event.file, catalog.catalogFile]), name: event.name, cases: sidecar }),
    ];
    yield [`fixtures/${path}`, toJson(cases.map((c) => c.event))];
    for (const [index, c] of cases.entries()) {
      entries.push({
        name: event.name,
        kind: 'invalid',
        path,
        index,
        expected,
        rule: c.rule,
        strict: c.strict,
        errors: c.errors,
      });
    }
  }
  for (const example of catalog.examples) {
    const path = `documented/${example.id}.json`;
    yield [`fixtures/${path}`, example.text];
    entries.push(documentedEntry(example, path));
  }
  entries.sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : Number(a.index ?? 0) - Number(b.index ?? 0),
  );
  const head = { $comment: bannerText(catalog.files), catalog: catalog.id, version: catalog.version };
  yield ['fixtures/index.json', listedJson(head, 'fixtures', entries)];
}

/** How many entries of a long list listedJson writes at a time. */
const ENTRIES_AT_A_TIME = 1024;

/**
 * `toJson({ ...head, [key]: items })`, made as the write stage takes it, some entries at a time: the text of
 * a long list is never held whole (V8 builds a long JSON text from parts that all live until it is done: at
 * 10,000 names, 35 MB of fixtures/index.json promoted 130 MB of parts to the old generation).
 */
export function listedJson(
  head: Record<string, unknown>,
  key: string,
  items: readonly unknown[],
  atATime = ENTRIES_AT_A_TIME,
): Pieces {
  // The list must be the document's last member (a key of `head` would keep head's place for it).
  if (Object.hasOwn(head, key)) throw new Error(`listedJson: the head already has "${key}"`);
  if (items.length === 0) return [toJson({ ...head, [key]: [] })];
  // The list written with one number in it: the text around the number is the text around the items.
  const frame = toJson({ ...head, [key]: [0] });
  const at = frame.lastIndexOf('0');
  return {
    *[Symbol.iterator]() {
      yield frame.slice(0, at);
      for (let from = 0; from < items.length; from += atATime) {
        if (from > 0) yield ',\n    ';
        // A slice of the list, written two levels deep (as in the document) by nesting it in another list,
        // the two lists' brackets cut off.
        const text = JSON.stringify([items.slice(from, from + atATime)], null, 2);
        yield text.slice('[\n  [\n    '.length, -'\n  ]\n]'.length);
      }
      yield frame.slice(at + 1);
    },
  };
}

function documentedEntry(example: ExampleModel, path: string): FixtureEntry {
  return {
    name: example.notification,
    kind: 'documented',
    path,
    example: example.id,
    title: { zh: example.title.zh, en: example.title.en },
    source: {
      ref: example.source.ref,
      heading: example.source.heading,
      ...(example.source.anchor ? { anchor: example.source.anchor } : {}),
    },
    valid: example.expect.valid,
    ...(example.expect.valid ? {} : { erratum: example.expect.erratum, errors: example.expect.errors }),
  };
}
