/**
 * Resolution rules shared by the validate and model stages, so that what is checked is exactly what is
 * built: file and type names derived from notification names, tags, name templates and presence rules.
 */

import type {
  PresenceKind,
  RawFamily,
  RawNotification,
  RawPresenceRule,
  Scalar,
} from '../load/spec-types.js';
import { remembering } from '../support/lookup.js';

/**
 * "Widget:SpinFast.Now:Started" → "widget-spin-fast-now-started". Remembered, as pascalOf: validation checks
 * the derived names for collisions and the model derives them again, for every notification.
 */
export const slugOf = remembering(
  (name: string): string =>
    words(name)
      .map((w) => w.toLowerCase())
      .join('-'),
  100_000,
);

/** "Widget:SpinFast" → "WidgetSpinFast": a PascalCase identifier (prefixed when it starts with a digit). */
export const pascalOf = remembering((name: string): string => {
  const text = words(name)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
  return /^[0-9]/.test(text) ? `N${text}` : text;
}, 100_000);

/** Words of names seen, bounded: validation, the model and several emitters derive names from each. */
const words = remembering((name: string) => splitWords(name), 100_000);

function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** The tags a notification carries: those of every enum value it binds. */
export function tagsOf(family: RawFamily, notification: RawNotification): string[] {
  const tags = new Set<string>();
  for (const [field, value] of Object.entries(notification.bind ?? {})) {
    const entry = family.content.find((f) => f.name === field)?.enum?.find((e) => e.value === value);
    for (const tag of entry?.tags ?? []) tags.add(tag);
  }
  return [...tags];
}

/**
 * A notification's status: its bound value of the family's status field, or the status it declares (the
 * name alone carries it); undefined for a notification without one.
 */
export function statusOf(family: RawFamily, notification: RawNotification): string | undefined {
  if (family.statusField !== undefined) {
    const bound = notification.bind?.[family.statusField];
    return bound === undefined ? undefined : String(bound);
  }
  return notification.status;
}

/** A notification's category: its own, else its family's. */
export function categoryOf(family: RawFamily, notification: RawNotification): string | undefined {
  return notification.category ?? family.category;
}

/** What a name template's placeholders are filled with: the bound values, then `status`. */
export function templateValues(family: RawFamily, n: RawNotification): Record<string, Scalar> {
  const status = statusOf(family, n);
  return status === undefined || n.bind?.status !== undefined ? { ...n.bind } : { status, ...n.bind };
}

/** The placeholders of a name template, in order: "Widget:{motion}:{phase}" → [motion, phase]. */
export function templateFields(template: string): string[] {
  return [...template.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1] as string);
}

/** The template filled with the notification's bound values, or undefined when a placeholder is unbound. */
export function fillTemplate(template: string, bind: Record<string, Scalar> | undefined): string | undefined {
  let missing = false;
  const text = template.replace(/\{([^{}]+)\}/g, (_m, field: string) => {
    const value = bind?.[field];
    if (value === undefined) missing = true;
    return String(value);
  });
  return missing ? undefined : text;
}

/** Whether a presence rule applies to a notification. */
export function ruleMatches(
  rule: RawPresenceRule,
  family: RawFamily,
  notification: RawNotification,
  tags: readonly string[],
): boolean {
  const { when } = rule;
  if (when.names && !when.names.includes(notification.name)) return false;
  if (when.tags && !when.tags.some((t) => tags.includes(t))) return false;
  if (when.categories && !when.categories.includes(categoryOf(family, notification) ?? '')) return false;
  if (when.statuses && !when.statuses.includes(statusOf(family, notification) ?? '')) return false;
  for (const [field, values] of Object.entries(when.values ?? {})) {
    const bound = notification.bind?.[field];
    if (bound === undefined || !values.includes(bound)) return false;
  }
  return true;
}

export interface ResolvedPresence {
  readonly presence: PresenceKind;
  /** The rule that decided, when one did. */
  readonly rule?: string;
}

export interface PresenceConflict {
  readonly field: string;
  readonly first: RawPresenceRule;
  readonly second: RawPresenceRule;
}

export interface PresenceResult {
  readonly fields: ReadonlyMap<string, ResolvedPresence>;
  readonly conflicts: readonly PresenceConflict[];
  /** Rules that make a bound field absent. */
  readonly boundAbsent: readonly { field: string; rule: RawPresenceRule }[];
}

/** Results by notification: the rule check and the model both ask, for every notification of the spec. */
const resolved = new WeakMap<RawNotification, { family: RawFamily; result: PresenceResult }>();

/**
 * Presence of each content field for one notification: the field's own default, then the matching rules.
 * A bound field is always required. Two matching rules that disagree are a conflict, never "last wins".
 * The result is shared by its callers (they only read it).
 */
export function resolvePresence(family: RawFamily, notification: RawNotification): PresenceResult {
  const known = resolved.get(notification);
  if (known?.family === family) return known.result;
  const result = findPresence(family, notification);
  resolved.set(notification, { family, result });
  return result;
}

function findPresence(family: RawFamily, notification: RawNotification): PresenceResult {
  const tags = tagsOf(family, notification);
  const fields = new Map<string, ResolvedPresence>();
  const decidedBy = new Map<string, RawPresenceRule>();
  const conflicts: PresenceConflict[] = [];
  const boundAbsent: { field: string; rule: RawPresenceRule }[] = [];
  for (const field of family.content) fields.set(field.name, { presence: field.presence ?? 'required' });
  for (const rule of family.presence ?? []) {
    if (!ruleMatches(rule, family, notification, tags)) continue;
    for (const field of rule.fields) {
      const earlier = decidedBy.get(field);
      if (earlier && earlier.presence !== rule.presence) {
        conflicts.push({ field, first: earlier, second: rule });
        continue;
      }
      if (notification.bind?.[field] !== undefined && rule.presence === 'absent')
        boundAbsent.push({ field, rule });
      decidedBy.set(field, rule);
      fields.set(field, { presence: rule.presence, rule: rule.id });
    }
  }
  for (const field of Object.keys(notification.bind ?? {})) {
    if (fields.has(field)) fields.set(field, { presence: 'required' });
  }
  return { fields, conflicts, boundAbsent };
}
