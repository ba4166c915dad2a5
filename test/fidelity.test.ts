/**
 * What a reader of one notification is told: every qualification the catalog makes of a field or a value
 * reaches wherever that field is shown (both locales' event pages, the per-name schema, the declarations),
 * and no status meaning talks about a field that the notification never has.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { schemaPaths } from '../generator/emit/shared/schema-paths.js';
import type { EventModel, Text } from '../generator/model/catalog.js';
import { realOutput } from './helpers.js';

const { catalog, files } = await realOutput();

/** Text as a reader sees it: escapes and line breaks of Markdown, JSON and doc comments taken out. */
const readable = (text: string) =>
  text
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1')
    .replace(/<br>|\\n|\s+|\*\s/g, ' ')
    .replace(/\s+/g, ' ');

const page = (event: EventModel, locale: 'en' | 'zh') =>
  readable(files.get(`docs/${locale === 'zh' ? 'zh/' : ''}events/${event.slug}.md`) ?? '');
const schema = (event: EventModel) => readable(files.get(`schemas/${schemaPaths.event(event)}`) ?? '');
const declarations = readable(files.get('types/index.d.ts') ?? '');

/** The qualifications of each field a notification shows: its note, its rule's note, its values' descriptions. */
function qualifications(event: EventModel): [string, Text][] {
  return event.content
    .filter((f) => f.presence !== 'absent')
    .flatMap((f) => [
      ...(f.note ? [[`${f.name} note`, f.note] as [string, Text]] : []),
      ...(f.ruleNote ? [[`${f.name} rule note`, f.ruleNote] as [string, Text]] : []),
      ...(f.const === undefined ? (f.enum ?? []) : [])
        .filter((e) => e.description)
        .map((e) => [`${f.name} = ${String(e.value)}`, e.description as Text] as [string, Text]),
    ]);
}

test('every field note, rule note and value description reaches the event pages, schema and declarations', () => {
  let checked = 0;
  const missing: string[] = [];
  for (const event of catalog.events) {
    for (const [what, text] of qualifications(event)) {
      checked++;
      const en = readable(text.en);
      const zh = readable(text.zh);
      if (!page(event, 'en').includes(en)) missing.push(`${event.name} ${what}: en page`);
      if (!page(event, 'zh').includes(zh)) missing.push(`${event.name} ${what}: zh page`);
      const inSchema = schema(event);
      if (!inSchema.includes(en) || !inSchema.includes(zh)) missing.push(`${event.name} ${what}: schema`);
      if (!declarations.includes(en)) missing.push(`${event.name} ${what}: declarations`);
    }
  }
  assert.ok(checked > 100, `${checked} qualifications checked`);
  assert.equal(missing, []);
});

test('no status meaning mentions a field that the notification never has', () => {
  const wrong: string[] = [];
  for (const event of catalog.events) {
    const absent = event.content.filter((f) => f.presence === 'absent').map((f) => f.name);
    const status = catalog.statuses.find((s) => s.id === event.status);
    const bound = event.content.flatMap((f) =>
      f.const === undefined ? [] : (f.enum ?? []).filter((e) => e.value === f.const),
    );
    const meanings = [status?.meaning, ...bound.map((e) => e.description)].filter((t): t is Text => !!t);
    for (const meaning of meanings) {
      for (const field of absent) {
        if (meaning.en.includes(field) || meaning.zh.includes(field)) wrong.push(`${event.name}: ${field}`);
      }
    }
  }
  assert.equal(wrong, []);
});

test.run();
