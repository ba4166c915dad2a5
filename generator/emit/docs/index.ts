/**
 * Markdown docs, in English (root) and Chinese (zh/): an index of every notification, a page per family
 * and per notification, and the decisions and errata. The emitter builds view models in which every
 * string is already escaped for where it lands (prose, table cell, code); the templates only loop.
 */

import type {
  Catalog,
  EventFieldModel,
  EventModel,
  ExampleModel,
  FamilyModel,
  SourceRef,
} from '../../model/catalog.js';
import { indexOf } from '../../model/lookups.js';
import type { Assets } from '../../support/assets.js';
import { lookup, mapUnder } from '../../support/lookup.js';
import type { Contents } from '../contract.js';
import { bannerText } from '../shared/banner.js';
import {
  inlineCode,
  inlineCodeCell,
  mdCell,
  mdCode,
  mdCodeCell,
  mdFence,
  mdInline,
  mdLine,
  mdText,
  tsAccess,
  tsComment,
  tsString,
} from '../shared/escape.js';
import { eventNames, packageNames } from '../shared/names.js';
import { schemaPaths } from '../shared/schema-paths.js';
import { renderTemplate } from '../shared/templates.js';
import { validEventJson } from '../shared/values.js';
import { CHANGES_PAGE, changesView, hasChanges } from './changes.js';
import { type RowLine, rowLines } from './field-rows.js';
import { bodyComment, formsView } from './forms.js';
import { HANDLING_PAGE, handlingView } from './handling.js';
import { LOCALES, type Locale, localePrefix, pick, presenceWord, type Words, words } from './i18n.js';
import { eventDiagram, familyDiagrams } from './mermaid.js';
import { LANGUAGES_PAGE, languagesView } from './other-languages.js';
import { emitSite } from './site.js';

/** Every docs page of both locales, and the site configuration, one page at a time. */
export function* emitDocs(catalog: Catalog, assets: Assets): Generator<readonly [string, Contents]> {
  const banner = bannerText(catalog.files).replace(/--/g, '- -');
  const rows = rowLines(assets, catalog.linkBase);
  // The site's files first: its data lists every page, and where two threads share the docs (see
  // SHARED_EMITTERS in write/catalog.ts), a large file rendered last would leave one of them idle.
  yield* emitSite(catalog, assets, banner);
  for (const locale of LOCALES) {
    const base = { banner, w: words(locale) };
    // Each page is rendered only when it is asked for (see Contents). The page's view gets the two shared
    // entries added rather than being copied into a new object: a copy of every page's view of twenty-odd
    // entries would be work for nothing.
    const page = (
      path: string,
      template: string,
      view: () => { [key: string]: unknown; banner?: never; w?: never },
    ) =>
      [
        `docs/${localePrefix(locale)}${path}`,
        () => renderTemplate(assets, `docs/${template}`, Object.assign(view(), base)),
      ] as const;
    yield page('index.md', 'index.md.hbs', () => indexView(catalog, locale));
    yield page('decisions.md', 'decisions.md.hbs', () => decisionsView(catalog, locale));
    yield page(`${HANDLING_PAGE}.md`, `${HANDLING_PAGE}.${locale}.md.hbs`, () =>
      handlingView(catalog, locale),
    );
    if (hasChanges(catalog)) yield page(`${CHANGES_PAGE}.md`, 'changes.md.hbs', () => changesView(catalog));
    yield page(`${LANGUAGES_PAGE}.md`, `${LANGUAGES_PAGE}.${locale}.md.hbs`, () => languagesView(catalog));
    for (const family of catalog.families) {
      yield page(`families/${family.id}.md`, 'family.md.hbs', () =>
        familyView(catalog, family, locale, rows),
      );
    }
    for (const event of catalog.events) {
      yield page(`events/${event.slug}.md`, 'event.md.hbs', () => eventView(catalog, event, locale, rows));
    }
  }
}

/** Depth of a page under docs/ (0 for the locale's index), for relative links. */
function up(locale: Locale, depth: number): string {
  return '../'.repeat(depth + (locale === 'en' ? 0 : 1));
}

function sourceText(source: SourceRef): string {
  return mdText(`${source.heading} (${source.title})`);
}

function levelText(event: { level: EventModel['level'] }, w: Words): string {
  const observed =
    event.level.observed.length > 0 ? ` (${w.observedLevels}: ${event.level.observed.join(', ')})` : '';
  return observed
    ? `${mdCode(event.level.documented)} ${mdInline(observed.trim())}`
    : mdCode(event.level.documented);
}

const nameCells = new WeakMap<EventModel, string>();

/**
 * A notification's name as a table cell, made once per notification (the index and its family's page list
 * it, in both locales): each name is its own, so it is kept here rather than in mdCodeCell's table, where
 * a large catalog's names would each be a text to hash and keep, and push out the texts that pages repeat.
 */
function nameCell(event: EventModel): string {
  return lookup(nameCells, event, () => inlineCodeCell(event.name));
}

function familyOf(catalog: Catalog, event: EventModel): FamilyModel {
  return indexOf(catalog).family(event.family);
}

function indexView(catalog: Catalog, locale: Locale) {
  const t = (x: Parameters<typeof pick>[0]) => pick(x, locale);
  return {
    title: mdLine(t(catalog.title).main),
    summary: mdText(t(catalog.summary).main),
    version: mdCode(catalog.version),
    eventCount: countOf(catalog.events.length, locale),
    decisionsLink: 'decisions.md',
    handlingLink: `${HANDLING_PAGE}.md`,
    languagesLink: `${LANGUAGES_PAGE}.md`,
    families: catalog.families.map((f) => ({
      title: mdLine(t(f.title).main),
      link: `families/${f.id}.md`,
      count: countOf(f.events.length, locale),
    })),
    groups: eventGroups(catalog, locale).map((g) => ({
      heading: g.title === undefined ? mdLine(words(locale).allEvents) : mdLine(g.title),
      sections: g.sections.map((section) => ({
        heading: section.title === undefined ? '' : `### ${mdLine(section.title)}`,
        events: section.events.map((e) => ({
          name: nameCell(e),
          link: `events/${e.slug}.md`,
          family: mdCell(t(familyOf(catalog, e).title).main),
          level: mdCodeCell(e.level.documented),
          label: mdCell(t(e.label).main),
          labelOther: mdCell(t(e.label).other),
        })),
      })),
    })),
  };
}

/** "1 notification name", "73 notification names": the count agrees with its noun. */
function countOf(count: number, locale: Locale): string {
  const w = words(locale);
  return `${count} ${count === 1 ? w.notificationCountOne : w.notificationCount}`;
}

/**
 * The index's notifications by resource type, then by category, in the catalog's order of each; a catalog
 * without them has one group, and a group without categories one section.
 */
function eventGroups(catalog: Catalog, locale: Locale) {
  const t = (x: Parameters<typeof pick>[0]) => pick(x, locale).main;
  const byCategory = (events: readonly EventModel[]) => {
    if (catalog.categories.length === 0) return [{ title: undefined, events }];
    return catalog.categories
      .map((c) => ({
        title: t(c.label) as string | undefined,
        events: events.filter((e) => e.category === c.id),
      }))
      .concat([{ title: undefined, events: events.filter((e) => e.category === undefined) }])
      .filter((section) => section.events.length > 0);
  };
  const unclassified = catalog.events.filter((e) => e.resourceType === undefined);
  const groups = catalog.resourceTypes.map((type) => ({
    title: t(type.label) as string | undefined,
    sections: byCategory(catalog.events.filter((e) => e.resourceType === type.id)),
  }));
  if (unclassified.length > 0) groups.push({ title: undefined, sections: byCategory(unclassified) });
  return groups;
}

/** The facts at the top of an event page: family, resource type, category, status, level, schema, type. */
function eventFacts(catalog: Catalog, event: EventModel, locale: Locale) {
  const w = words(locale);
  const t = (x: Parameters<typeof pick>[0]) => pick(x, locale).main;
  const family = familyOf(catalog, event);
  const schema = schemaPaths.event(event);
  const type = catalog.resourceTypes.find((r) => r.id === event.resourceType);
  const category = catalog.categories.find((c) => c.id === event.category);
  const status = catalog.statuses.find((x) => x.id === event.status);
  const facts: { label: string; value: string }[] = [
    { label: w.family, value: `[${mdInline(t(family.title))}](../families/${family.id}.md)` },
  ];
  if (type) facts.push({ label: w.resourceType, value: mdInline(t(type.label)) });
  if (category)
    facts.push({ label: w.category, value: `${mdInline(t(category.label))} (${mdCode(category.id)})` });
  if (status) {
    const kind = status.final ? w.finalStatus : w.transientStatus;
    const meaning = `${mdCode(status.id)}: ${mdInline(`${t(status.meaning)} (${kind})`)}`;
    facts.push({ label: w.status, value: meaning });
  }
  facts.push({ label: w.documentedLevel, value: levelText(event, w) });
  const strict = `${up(locale, 1)}../schemas/${schemaPaths.family(family, 'strict')}`;
  facts.push({
    label: w.schema,
    value: `[${mdInline(schema)}](${up(locale, 1)}../schemas/${schema}) · [${w.strictSchema}](${strict})`,
  });
  facts.push({ label: w.typeName, value: inlineCode(eventNames(event).event) });
  return facts;
}

function familyView(catalog: Catalog, family: FamilyModel, locale: Locale, row: RowLine) {
  const t = (x: Parameters<typeof pick>[0]) => pick(x, locale);
  const w = words(locale);
  const events = indexOf(catalog).eventsOf(family.id);
  const asEventField = (f: FamilyModel['content'][number]): EventFieldModel => f;
  const groupLabel = (field: string | undefined, value: unknown) => {
    const entry = family.content.find((f) => f.name === field)?.enum?.find((e) => e.value === value);
    return entry ? `${String(value)}: ${t(entry.label).main}` : String(value);
  };
  return {
    title: mdLine(t(family.title).main),
    titleOther: mdText(t(family.title).other),
    description: mdText(t(family.description).main),
    note: family.note ? mdText(t(family.note).main) : '',
    source: sourceText(family.source),
    events: events.map((e) => ({
      name: nameCell(e),
      link: `../events/${e.slug}.md`,
      level: mdCodeCell(e.level.documented),
      label: mdCell(t(e.label).main),
      labelOther: mdCell(t(e.label).other),
    })),
    // A field that presence rules decide shows that, not its default (which the rules override).
    fields: family.content.map((f) =>
      row(
        asEventField(f),
        locale,
        family.presence.some((r) => r.fields.includes(f.name)),
      ),
    ),
    rules: family.presence.map((r) => {
      // Tags and categories by their labels, in the page's language.
      const tag = (id: string) => family.tags.find((x) => x.id === id)?.label;
      const category = (id: string) => catalog.categories.find((c) => c.id === id)?.label;
      const label = (text: Parameters<typeof pick>[0] | undefined, id: string) => (text ? t(text).main : id);
      const when = [
        ...r.when.tags.map((id) => label(tag(id), id)),
        ...r.when.categories.map((id) => label(category(id), id)),
        ...(r.when.statuses.length > 0 ? [`${w.status} ∈ {${r.when.statuses.join(', ')}}`] : []),
        ...r.when.values.map((v) => `${v.field} ∈ {${v.values.join(', ')}}`),
        ...r.when.names,
      ].join('; ');
      const note = r.note ? ` ${t(r.note).main}` : '';
      return {
        text: mdLine(`${r.fields.join(', ')}: ${presenceWord(r.presence, locale)} (${when}).${note}`),
      };
    }),
    diagrams: familyDiagrams(family, events, locale).map(({ lifecycle, diagram }) => ({
      title: mdLine(
        diagram.group === undefined ? lifecycle.field : groupLabel(lifecycle.groupBy, diagram.group),
      ),
      fence: mdFence(diagram.source, 'mermaid'),
    })),
  };
}

function eventView(catalog: Catalog, event: EventModel, locale: Locale, row: RowLine) {
  const w = words(locale);
  const t = (x: Parameters<typeof pick>[0]) => pick(x, locale);
  const family = familyOf(catalog, event);
  const meanings = event.bindings.flatMap((b) => {
    const entry = event.content.find((f) => f.name === b.field)?.enum?.find((e) => e.value === b.value);
    if (!entry) return [];
    const parts = [
      t(entry.label).main,
      ...(entry.description ? [t(entry.description).main] : []),
      ...(entry.impact ? [`${w.impact}: ${t(entry.impact).main}`] : []),
      ...(entry.response ? [`${w.response}: ${t(entry.response).main}`] : []),
    ];
    return [{ text: `${mdCode(`${b.field} = ${String(b.value)}`)}: ${mdLine(parts.join(' · '))}` }];
  });
  const diagram = eventDiagram(family, event, indexOf(catalog).eventsOf(family.id), locale);
  return {
    title: mdLine(event.name),
    label: mdText(t(event.label).main),
    labelOther: mdText(t(event.label).other),
    facts: eventFacts(catalog, event, locale),
    description: mdText(t(family.description).main),
    meanings,
    diagram: diagram ? mdFence(diagram, 'mermaid') : '',
    // Whose the diagram is: the transitions are the catalog's derivation where the sources list none.
    diagramNote: diagram ? lifecycleNote(family, locale) : '',
    envelope: event.envelope
      .filter((f) => f.name !== catalog.envelope.content)
      .map((f) => row(f.name === catalog.envelope.level ? levelField(f, event.level.documented) : f, locale)),
    content: event.content.map((f) => row(f, locale)),
    ...exampleView(catalog, event, locale),
    forms: formsView(catalog, event, locale),
    handlerFence: mdFence(handlerSnippet(catalog, event, locale), 'ts'),
  };
}

/**
 * The examples of an event page: the documented examples that carry its name (those the catalog rejects
 * with their erratum), those that show it under a wrong name, or else one generated from the catalog.
 */
/** The note of the family's lifecycle (where its transitions come from), in the page's language. */
function lifecycleNote(family: FamilyModel, locale: Locale): string {
  const note = family.lifecycles.find((l) => l.note)?.note;
  return note ? mdText(pick(note, locale).main) : '';
}

const levelFields = new WeakMap<EventFieldModel, Map<string, EventFieldModel>>();

/** The level field as one notification shows it: its documented level is the example. */
function levelField(field: EventFieldModel, documented: string): EventFieldModel {
  if (field.example === documented) return field;
  return lookup(mapUnder(levelFields, field), documented, () => ({ ...field, example: documented }));
}

function exampleView(catalog: Catalog, event: EventModel, locale: Locale) {
  const w = words(locale);
  const t = (x: Parameters<typeof pick>[0]) => pick(x, locale).main;
  const titled = (example: ExampleModel) => `${t(example.title)} (${example.source.heading})`;
  const documented = [
    ...event.examples.map((id) => indexOf(catalog).example(id)),
    ...indexOf(catalog).describing(event.name),
  ].flatMap((example) => {
    if (!example) return [];
    const erratum = example.expect.valid ? undefined : example.expect.erratum;
    const title = erratum
      ? example.describes === event.name
        ? `${w.misnamedExample} ${inlineCode(example.notification)}: ${mdInline(titled(example))}`
        : `${mdText(`${w.invalidExample}: ${titled(example)}`)}`
      : mdText(`${w.documentedExample}: ${titled(example)}`);
    const note = erratum
      ? ` ${mdInline(w.seeErratum)} [${mdInline(erratum)}](${up(locale, 1)}decisions.md)`
      : '';
    return [{ title: `${title}${note}`, fence: mdFence(example.text, 'json') }];
  });
  // A reader always gets one event that the catalog accepts under this name.
  if (indexOf(catalog).shown(event.name)) return { examples: documented };
  const generated = {
    title: mdText(w.generatedExample),
    fence: mdFence(validEventJson(catalog, event, 'complete'), 'json'),
  };
  return { examples: [...documented, generated] };
}

function handlerSnippet(catalog: Catalog, event: EventModel, locale: Locale): string {
  const names = packageNames(catalog);
  const content = catalog.envelope.content;
  const fields = event.content.filter((f) => f.presence === 'required' && f.const === undefined).slice(0, 2);
  // Parsing takes every delivery form: the same handler serves them all.
  const forms = bodyComment(catalog, locale);
  return [
    `import { ${names.parseEvent} } from ${tsString(catalog.package.name)};`,
    '',
    ...(forms ? [`// ${tsComment(forms)}`] : []),
    `const parsed = ${names.parseEvent}(body);`,
    `if (parsed.ok && parsed.event${tsAccess(catalog.envelope.discriminator)} === ${tsString(event.name)}) {`,
    `  // parsed.event is ${eventNames(event).event}`,
    ...fields.map((f) => `  console.log(parsed.event${tsAccess(content)}${tsAccess(f.name)});`),
    '}',
  ].join('\n');
}

function decisionsView(catalog: Catalog, locale: Locale) {
  const t = (x: Parameters<typeof pick>[0]) => pick(x, locale);
  return {
    errata: catalog.errata.map((e) => ({
      title: mdLine(e.id),
      description: mdText(t(e.description).main),
      decision: mdText(t(e.decision).main),
      source: sourceText(e.source),
    })),
    decisions: catalog.decisions.map((d) => ({
      title: mdLine(t(d.title).main),
      text: mdText(t(d.text).main),
    })),
    formats: catalog.formats.map((f) => ({
      id: mdCodeCell(f.id),
      label: mdCell(t(f.label).main),
      pattern: mdCodeCell(f.pattern),
      example: mdCodeCell(f.example),
    })),
  };
}
