/**
 * The table that the validator engine (engine.js) reads about every notification: what the generated
 * runtime ships as runtime/data.js, what `ecs-events validate` and the examples check are fed with.
 */
import type { Catalog, FieldModel, PresenceKind } from '../model/catalog.js';
import { indexOf } from '../model/lookups.js';
import { lookup } from '../support/lookup.js';

const PRESENCE_CODE: Record<PresenceKind, string> = { required: 'r', optional: 'o', absent: 'a' };

const tables = new WeakMap<Catalog, ReturnType<typeof buildRuntimeData>>();

/**
 * The table the engine reads: shared lists are stored once and referred to by index. Built once per catalog:
 * checking the examples and emitting the runtime both read it (neither changes it).
 */
export function runtimeData(catalog: Catalog): ReturnType<typeof buildRuntimeData> {
  return lookup(tables, catalog, buildRuntimeData);
}

function buildRuntimeData(catalog: Catalog) {
  const patterns: string[] = [];
  // Beside each pattern, the format it is (label, example, mask), for messages that name it.
  const formats: ([label: string, example: string, mask: string | null] | null)[] = [];
  const enums: unknown[][] = [];
  const positions = new Map<string, number>();
  const intern = <T>(list: T[], value: T, key: string): number => {
    const found = positions.get(key);
    if (found !== undefined) return found;
    list.push(value);
    positions.set(key, list.length - 1);
    return list.length - 1;
  };
  const spec = (f: FieldModel) => [
    f.name,
    f.type,
    f.enum
      ? intern(
          enums,
          f.enum.map((e) => e.value) as unknown[],
          `e${JSON.stringify(f.enum.map((e) => e.value))}`,
        )
      : -1,
    f.pattern !== undefined ? patternOf(f, f.pattern) : -1,
  ];
  const patternOf = (f: FieldModel, pattern: string) => {
    const at = intern(patterns, pattern, `p${pattern}`);
    const format = f.format?.pattern === pattern ? f.format : undefined;
    formats[at] = format
      ? [format.label.en, format.example, format.mask?.char ?? null]
      : (formats[at] ?? null);
    return at;
  };
  const presence = (fields: readonly { presence: PresenceKind }[]) =>
    fields.map((f) => PRESENCE_CODE[f.presence]).join('');
  const envelope = { fields: catalog.envelope.fields.map(spec), presence: presence(catalog.envelope.fields) };
  // The envelopes of resource types that change some field, each once; families point at theirs.
  const envelopes: (typeof envelope)[] = [];
  const envelopeAt = new Map<string, number>();
  const envelopeOf = (fields: readonly FieldModel[]) => {
    const made = { fields: fields.map(spec), presence: presence(fields) };
    const key = JSON.stringify(made);
    if (key === JSON.stringify(envelope)) return undefined;
    return lookup(envelopeAt, key, () => envelopes.push(made) - 1);
  };
  const families = catalog.families.map((f) => {
    const first = indexOf(catalog).eventsOf(f.id)[0];
    const own = first
      ? envelopeOf(
          first.envelope.map((x) =>
            x.name === catalog.envelope.discriminator ? { ...x, const: undefined } : x,
          ),
        )
      : undefined;
    return {
      names: [...f.events],
      fields: f.content.map(spec),
      ...(own === undefined ? {} : { envelope: own }),
      ...(f.statusField === undefined ? {} : { status: f.statusField }),
    };
  });
  const events: Record<string, unknown> = {};
  for (const event of catalog.events) {
    const family = indexOf(catalog).familyPosition(event.family);
    const bound = Object.fromEntries(event.bindings.map((b) => [b.field, b.value]));
    events[event.name] = [family, presence(event.content), bound];
  }
  return {
    discriminator: catalog.envelope.discriminator,
    content: catalog.envelope.content,
    patterns,
    formats,
    enums,
    envelope,
    ...(envelopes.length > 0 ? { envelopes } : {}),
    families,
    familyIds: catalog.families.map((f) => f.id),
    events,
  };
}
