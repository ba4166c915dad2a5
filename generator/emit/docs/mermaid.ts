/**
 * Mermaid state diagrams of the catalog's lifecycles. States get generated ids; their labels go through
 * mermaidText, so that no catalog text can change the diagram's structure.
 */
import type { EventModel, FamilyModel, LifecycleModel, Scalar } from '../../model/catalog.js';
import { lookup, mapUnder } from '../../support/lookup.js';
import { type Locale, pick } from './i18n.js';

/** A label for a Mermaid quoted string: anything but letters, digits and a few safe marks becomes an entity code. */
function mermaidText(text: string): string {
  return [...text].map((ch) => (/[\p{L}\p{N} ._()-]/u.test(ch) ? ch : `#${ch.codePointAt(0)};`)).join('');
}

interface Diagram {
  /** The value of the groupBy field this diagram is for, when the lifecycle is grouped. */
  readonly group?: Scalar;
  readonly source: string;
}

/** The entry states and transitions of one group: its own where the lifecycle gives them. */
function rulesOf(lifecycle: LifecycleModel, group: Scalar | undefined) {
  const own = group === undefined ? undefined : lifecycle.groups.find((g) => g.values.includes(group));
  return {
    initial: own?.initial ?? lifecycle.initial,
    transitions: own?.transitions ?? lifecycle.transitions,
  };
}

/** The states of a lifecycle that the notifications of one group use, in the lifecycle's order. */
function statesOf(
  lifecycle: LifecycleModel,
  events: readonly EventModel[],
  group: Scalar | undefined,
): Scalar[] {
  const { initial, transitions } = rulesOf(lifecycle, group);
  const all = [...initial, ...transitions.flatMap((t) => [t.from, t.to]), ...lifecycle.final];
  const unique = all.filter((v, i) => all.indexOf(v) === i);
  if (lifecycle.groupBy === undefined) return unique;
  const bound = events
    .filter((e) => e.bindings.some((b) => b.field === lifecycle.groupBy && b.value === group))
    .flatMap((e) => e.bindings.filter((b) => b.field === lifecycle.field).map((b) => b.value));
  return unique.filter((v) => bound.includes(v));
}

/** A diagram's lines without a highlighted state, its states in order, and its sources by highlighted state. */
interface DiagramBase {
  readonly lines: readonly string[];
  readonly states: readonly Scalar[];
  /** The diagram's source with each state highlighted (undefined: none), made once each. */
  readonly sources: Map<Scalar | undefined, string>;
}

/**
 * Diagram bases by the events they were drawn from, lifecycle, locale and group (a Map tells 1 from "1"):
 * every page of a family's notifications shows the same diagram but for the highlighted state (a
 * large catalog has many pages per family, and finding the states of a group reads all of the
 * family's notifications).
 */
const bases = new WeakMap<
  readonly EventModel[],
  Map<LifecycleModel, Map<Locale, Map<Scalar | undefined, DiagramBase>>>
>();

/** The states of each group, by the events and lifecycle: the same for both locales' pages. */
const groupStates = new WeakMap<
  readonly EventModel[],
  Map<LifecycleModel, Map<Scalar | undefined, readonly Scalar[]>>
>();

function diagramBase(
  family: FamilyModel,
  lifecycle: LifecycleModel,
  events: readonly EventModel[],
  locale: Locale,
  group: Scalar | undefined,
): DiagramBase {
  const byGroup = mapUnder(mapUnder(mapUnder(bases, events), lifecycle), locale);
  const known = byGroup.get(group);
  if (known) return known;
  const states = lookup(mapUnder(mapUnder(groupStates, events), lifecycle), group, () =>
    statesOf(lifecycle, events, group),
  );
  const field = family.content.find((f) => f.name === lifecycle.field);
  const id = (v: Scalar) => `s${states.indexOf(v)}`;
  const label = (v: Scalar) => {
    const entry = field?.enum?.find((e) => e.value === v);
    const text = entry ? pick(entry.label, locale).main : '';
    return mermaidText(text && text !== String(v) ? `${String(v)} (${text})` : String(v));
  };
  const lines = ['stateDiagram-v2', '  direction LR'];
  for (const v of states) lines.push(`  state "${label(v)}" as ${id(v)}`);
  const { initial, transitions } = rulesOf(lifecycle, group);
  for (const v of initial.filter((s) => states.includes(s))) lines.push(`  [*] --> ${id(v)}`);
  for (const t of transitions.filter((t) => states.includes(t.from) && states.includes(t.to))) {
    lines.push(`  ${id(t.from)} --> ${id(t.to)}`);
  }
  for (const v of lifecycle.final.filter((s) => states.includes(s))) lines.push(`  ${id(v)} --> [*]`);
  const base = { lines, states, sources: new Map<Scalar | undefined, string>() };
  byGroup.set(group, base);
  return base;
}

/** Mermaid source for one lifecycle (restricted to one group), with `current` highlighted. */
function lifecycleDiagram(
  family: FamilyModel,
  lifecycle: LifecycleModel,
  events: readonly EventModel[],
  locale: Locale,
  group?: Scalar,
  current?: Scalar,
): string {
  const { lines, states, sources } = diagramBase(family, lifecycle, events, locale, group);
  const shown = current !== undefined && states.includes(current) ? current : undefined;
  return lookup(sources, shown, () => {
    if (shown === undefined) return lines.join('\n');
    const highlight = [
      '  classDef current font-weight:bold,stroke-width:3px',
      `  class s${states.indexOf(shown)} current`,
    ];
    return [...lines, ...highlight].join('\n');
  });
}

/** Every diagram of a family: one per lifecycle, or one per group value for grouped lifecycles. */
export function familyDiagrams(
  family: FamilyModel,
  events: readonly EventModel[],
  locale: Locale,
): { lifecycle: LifecycleModel; diagram: Diagram }[] {
  const out: { lifecycle: LifecycleModel; diagram: Diagram }[] = [];
  for (const lifecycle of family.lifecycles) {
    if (lifecycle.groupBy === undefined) {
      out.push({ lifecycle, diagram: { source: lifecycleDiagram(family, lifecycle, events, locale) } });
      continue;
    }
    const groups = family.content.find((f) => f.name === lifecycle.groupBy)?.enum?.map((e) => e.value) ?? [];
    for (const group of groups) {
      if (diagramBase(family, lifecycle, events, locale, group).states.length === 0) continue;
      out.push({
        lifecycle,
        diagram: { group, source: lifecycleDiagram(family, lifecycle, events, locale, group) },
      });
    }
  }
  return out;
}

/** The diagram for one notification: its group's lifecycle with its own state highlighted. */
export function eventDiagram(
  family: FamilyModel,
  event: EventModel,
  events: readonly EventModel[],
  locale: Locale,
): string | undefined {
  for (const lifecycle of family.lifecycles) {
    const current = event.bindings.find((b) => b.field === lifecycle.field)?.value;
    const group =
      lifecycle.groupBy === undefined
        ? undefined
        : event.bindings.find((b) => b.field === lifecycle.groupBy)?.value;
    if (lifecycle.groupBy !== undefined && group === undefined) continue;
    return lifecycleDiagram(family, lifecycle, events, locale, group, current);
  }
  return undefined;
}
