/**
 * What an event page says of the delivery forms that name notifications by type (EventBridge): the
 * notification's type, an event pattern that selects it (and, for a notification with a status, the one
 * that selects that status alone), and the notification as such an event. The keys of the patterns come
 * from the form's pointers, their values from the model.
 */
import type { Catalog, EventModel } from '../../model/catalog.js';
import type { DeliveryFormModel } from '../../model/deliveries.js';
import { inlineCode, mdFence, mdText } from '../shared/escape.js';
import { toFormEvent } from '../shared/form-convert.js';
import { toJson } from '../shared/json.js';
import { validEvent } from '../shared/values.js';
import type { Locale } from './i18n.js';

const WORDS = {
  en: {
    heading: (label: string) => `In ${label}`,
    type: 'Type',
    pattern: 'An event pattern that selects this type',
    status: (status: string) => `The same pattern, for the status ${status} alone`,
    event: 'The notification as such an event (generated from the catalog)',
    patterns: 'Pattern syntax',
    body: (labels: string) => `body: a classic notification, or an ${labels} body; parsed.form says which`,
  },
  zh: {
    heading: (label: string) => `${label}中`,
    type: '类型',
    pattern: '选择该类型的事件模式',
    status: (status: string) => `只选择状态${status}的同一事件模式`,
    event: '以该形式表示的事件通知（由catalog生成）',
    patterns: '事件模式的写法',
    body: (labels: string) => `body：经典格式的事件通知，或${labels}的请求体；parsed.form说明是哪一种`,
  },
} as const;

/** The forms section of an event page, one entry per typed form. */
export function formsView(catalog: Catalog, event: EventModel, locale: Locale) {
  const w = WORDS[locale];
  return (catalog.deliveries?.forms ?? []).flatMap((form) => {
    const type = form.type;
    const t = form.typeOf[event.name];
    if (!type || t === undefined) return [];
    const pattern = patternOf(form, t);
    const statusPattern =
      event.status === undefined ? undefined : withStatus(pattern, type.status, event.status);
    const example = toFormEvent(catalog, form, event, validEvent(catalog, event, 'complete'), true);
    const syntax = type.patternSource;
    return [
      {
        heading: mdText(w.heading(form.label)),
        typeLine: `${mdText(w.type)}: ${inlineCode(t)}`,
        patternIntro: mdText(
          `${w.pattern}${syntax ? ` (${w.patterns}: ${syntax.title}, ${syntax.heading})` : ''}:`,
        ),
        patternFence: mdFence(toJson(pattern).trimEnd(), 'json'),
        statusIntro: event.status === undefined ? '' : mdText(`${w.status(event.status)}:`),
        statusFence: statusPattern ? mdFence(toJson(statusPattern).trimEnd(), 'json') : '',
        eventIntro: mdText(`${w.event}:`),
        eventFence: mdFence(toJson(example).trimEnd(), 'json'),
      },
    ];
  });
}

/** The comment of a handler's body: which forms parsing takes (for the event page's handler). */
export function bodyComment(catalog: Catalog, locale: Locale): string | undefined {
  const forms = catalog.deliveries?.forms ?? [];
  if (forms.length === 0) return undefined;
  return WORDS[locale].body(forms.map((f) => f.label).join(locale === 'zh' ? '或' : ' or '));
}

/** `{ <required path>: [value], <type path>: [type] }`: what EventBridge matches, with its nesting. */
function patternOf(form: DeliveryFormModel, type: string): Record<string, unknown> {
  const pattern: Record<string, unknown> = {};
  for (const r of form.require) place(pattern, r.path, [r.value]);
  place(pattern, form.type?.path ?? '', [type]);
  return pattern;
}

function withStatus(pattern: Record<string, unknown>, pointer: string, status: string) {
  const copy = structuredClone(pattern);
  place(copy, pointer, [status]);
  return copy;
}

/** Sets the value at a JSON Pointer, making the objects on the way. */
function place(target: Record<string, unknown>, pointer: string, value: unknown): void {
  const keys = pointer
    .slice(1)
    .split('/')
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  let here = target;
  for (const key of keys.slice(0, -1)) {
    if (!here[key]) here[key] = {};
    here = here[key] as Record<string, unknown>;
  }
  here[keys[keys.length - 1] ?? ''] = value;
}
