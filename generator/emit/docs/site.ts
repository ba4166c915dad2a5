/**
 * The VitePress site around the docs: its configuration data (locales, navigation, sidebar, search
 * translations), generated from the catalog as JSON, and the toolkit's static config and theme files
 * (templates/docs/vitepress/), which read that JSON and contain no catalog text.
 */

import type { Catalog } from '../../model/catalog.js';
import { indexOf } from '../../model/lookups.js';
import type { Assets } from '../../support/assets.js';
import type { Contents } from '../contract.js';
import { htmlText } from '../shared/escape.js';
import { toJson } from '../shared/json.js';
import { CHANGES_PAGE, hasChanges } from './changes.js';
import { HANDLING_PAGE } from './handling.js';
import { LOCALES, type Locale, localePrefix, pick, words } from './i18n.js';
import { LANGUAGES_PAGE } from './other-languages.js';

/**
 * A string that VitePress embeds in an inline <script> (site title, descriptions). VitePress does not
 * escape `</script>` or `<!--` there, so every `<` is followed by an invisible WORD JOINER: the text reads
 * the same and can never close the script.
 */
function inlineScriptSafe(text: string): string {
  return text.replace(/</g, '<\u2060');
}

const STATIC_PREFIX = 'docs/vitepress/';

/**
 * docs/.vitepress/site.json and the static site files. site.json is rendered when it is asked for (see
 * Contents): where two threads share the docs, only the one that takes it renders it.
 */
export function emitSite(catalog: Catalog, assets: Assets, banner: string): Map<string, Contents> {
  const files = new Map<string, Contents>([
    ['docs/.vitepress/site.json', () => toJson(siteData(catalog, banner))],
  ]);
  for (const [path, text] of assets.templates) {
    if (!path.startsWith(STATIC_PREFIX)) continue;
    const target = `docs/.vitepress/${path.slice(STATIC_PREFIX.length)}`;
    files.set(target, withBanner(target, text, banner));
  }
  return files;
}

function withBanner(path: string, text: string, banner: string): string {
  if (path.endsWith('.vue')) return `<!-- ${banner} -->\n${text}`;
  if (/\.(m?ts|js|css)$/.test(path)) return `/* ${banner.replace(/\*\//g, '* /')} */\n${text}`;
  return text;
}

function siteData(catalog: Catalog, banner: string) {
  const locales: Record<string, unknown> = {};
  for (const locale of LOCALES) {
    const w = words(locale);
    locales[locale === 'en' ? 'root' : locale] = {
      label: w.language,
      lang: w.lang,
      ...(locale === 'en' ? {} : { link: `/${localePrefix(locale)}` }),
      title: inlineScriptSafe(pick(catalog.title, locale).main),
      description: inlineScriptSafe(pick(catalog.summary, locale).main),
      themeConfig: {
        nav: [
          { text: htmlText(w.allEvents), link: link(locale, 'index') },
          { text: htmlText(w.handling), link: link(locale, HANDLING_PAGE) },
          { text: htmlText(w.languages), link: link(locale, LANGUAGES_PAGE) },
          { text: htmlText(w.decisions), link: link(locale, 'decisions') },
          ...(hasChanges(catalog) ? [{ text: htmlText(w.changes), link: link(locale, CHANGES_PAGE) }] : []),
        ],
        sidebar: sidebar(catalog, locale),
        outline: { label: w.outline },
      },
    };
  }
  return {
    '//': banner,
    title: inlineScriptSafe(catalog.title.en),
    description: inlineScriptSafe(catalog.summary.en),
    locales,
  };
}

function link(locale: Locale, page: string): string {
  return `/${localePrefix(locale)}${page === 'index' ? '' : page}`;
}

function sidebar(catalog: Catalog, locale: Locale) {
  const w = words(locale);
  return [
    {
      text: w.overview,
      items: [
        { text: w.allEvents, link: link(locale, 'index') },
        { text: w.handling, link: link(locale, HANDLING_PAGE) },
        { text: w.languages, link: link(locale, LANGUAGES_PAGE) },
        { text: w.decisions, link: link(locale, 'decisions') },
        ...(hasChanges(catalog) ? [{ text: w.changes, link: link(locale, CHANGES_PAGE) }] : []),
      ],
    },
    // VitePress renders sidebar and nav texts as HTML.
    ...catalog.families.map((family) => ({
      text: htmlText(pick(family.title, locale).main),
      collapsed: family.events.length > 12,
      items: [
        { text: w.overview, link: link(locale, `families/${family.id}`) },
        ...indexOf(catalog)
          .eventsOf(family.id)
          .map((e) => ({ text: htmlText(e.name), link: link(locale, `events/${e.slug}`) })),
      ],
    })),
  ];
}
