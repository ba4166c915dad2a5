/**
 * Values for fixtures, derived from the catalog alone and the same on every run: documented examples with
 * their masks replaced, enum values, bound constants; and, for invalid fixtures, values that break exactly
 * one rule.
 */
import type {
  Catalog,
  EnumValueModel,
  EventFieldModel,
  EventModel,
  FieldModel,
  Scalar,
} from '../../model/catalog.js';
import { lookup, mapUnder } from '../../support/lookup.js';
import { toJson } from './json.js';

/** FNV-1a, 32 bits: a stable seed from a text. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * Replaces each run of mask characters with characters of the alphabet. The choice depends only on the
 * identifier's text before the run (back to a ':' or '/'), so a masked identifier unmasks the same way
 * wherever it appears, alone or inside a resource name.
 */
function unmask(text: string, mask: Mask | undefined): string {
  if (!mask || !text.includes(mask.char)) return text;
  // Every fixture and docs example of a notification unmasks the same examples: each text once per mask.
  return lookup(mapUnder(unmasked, mask), text, () => unmaskRuns(text, mask));
}

interface Mask {
  readonly char: string;
  readonly alphabet: string;
}

const unmasked = new WeakMap<Mask, Map<string, string>>();

function unmaskRuns(text: string, mask: Mask): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] !== mask.char) {
      out += text[i];
      i++;
      continue;
    }
    const start = Math.max(text.lastIndexOf(':', i), text.lastIndexOf('/', i)) + 1;
    let state = hash(`${text.slice(start, i)}|${mask.alphabet}`) || 1;
    while (text[i] === mask.char) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      state >>>= 0;
      out += mask.alphabet[state % mask.alphabet.length];
      i++;
    }
  }
  return out;
}

/** A realistic valid value for a field (its bound constant, its example unmasked, or its first enum value). */
export function sampleValue(field: FieldModel | EventFieldModel): unknown {
  if ('const' in field && field.const !== undefined) return field.const;
  const values = field.enum && enumValues(field.enum);
  const example = field.example ?? field.format?.example;
  if (values) return example !== undefined && values.includes(example) ? example : values[0];
  if (typeof example === 'string') return unmask(example, field.format?.mask);
  if (example !== undefined) return example;
  switch (field.type) {
    case 'string':
      return field.name;
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    default:
      return {};
  }
}

const valuesOf = new WeakMap<readonly EnumValueModel[], readonly Scalar[]>();

/** The values of an enum, listed once per enum (a family's notifications share their fields' enums). */
function enumValues(values: readonly EnumValueModel[]): readonly Scalar[] {
  return lookup(valuesOf, values, () => values.map((e) => e.value));
}

/** A value of another JSON type than `type`. */
export function wrongTypeValue(type: FieldModel['type']): unknown {
  return type === 'string' ? 12345 : type === 'object' ? 'not an object' : 'not a number or boolean';
}

/** A string that the pattern rejects, or undefined when none of the candidates is rejected. */
export function nonMatching(pattern: string): string | undefined {
  if (nonMatches.has(pattern)) return nonMatches.get(pattern);
  const re = new RegExp(pattern, 'u');
  const found = ['not valid', '', '!', '0', 'A'.repeat(300)].find((candidate) => !re.test(candidate));
  nonMatches.set(pattern, found);
  return found;
}

/** nonMatching's answers by pattern: every notification of a family asks for the same few patterns. */
const nonMatches = new Map<string, string | undefined>();

/** A value outside a list of enum values. */
export function outsideEnum(values: readonly Scalar[]): Scalar {
  let candidate = 'NotAValue';
  while (values.includes(candidate)) candidate += 'X';
  return candidate;
}

export type Variant = 'minimal' | 'complete';

const validTexts = new WeakMap<EventModel, Map<Variant, string>>();

/**
 * The JSON text of validEvent (two-space indent, trailing newline), made once per notification and variant:
 * the fixtures and the docs' example sections both show it.
 */
export function validEventJson(catalog: Catalog, event: EventModel, variant: Variant): string {
  return lookup(mapUnder(validTexts, event), variant, () => toJson(validEvent(catalog, event, variant)));
}

/** A valid event: required fields only (minimal), or every field the notification may carry (complete). */
export function validEvent(catalog: Catalog, event: EventModel, variant: Variant): Record<string, unknown> {
  const keep = (f: EventFieldModel) =>
    f.presence === 'required' || (variant === 'complete' && f.presence === 'optional');
  const content: Record<string, unknown> = {};
  for (const field of event.content) if (keep(field)) content[field.name] = sampleValue(field);
  const out: Record<string, unknown> = {};
  for (const field of event.envelope) {
    if (!keep(field)) continue;
    if (field.name === catalog.envelope.content) out[field.name] = content;
    else if (field.name === catalog.envelope.level) out[field.name] = event.level.documented;
    else out[field.name] = sampleValue(field);
  }
  return out;
}
