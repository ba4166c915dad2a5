/**
 * Crafted pairs of specs for the diff tests: the golden minimal spec whose gadget family gains a `mode`
 * field (an optional enumeration) and a `size` field with a pattern, then one edit per pair.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempDir } from './helpers.js';

const MINIMAL = join(ROOT, 'test', 'golden', 'minimal', 'spec');
const GADGET = 'families/gadget.yaml';

const value = (v: string) => `      - value: ${v}\n        label: { zh: "${v}", en: "${v}" }\n`;

/** The gadget family's extra fields; `edit` options change one thing each. */
function extraFields(o: Partial<Record<'values' | 'presence' | 'description' | 'pattern' | 'type', string>>) {
  return `  - name: mode
    type: ${o.type ?? 'string'}
    presence: ${o.presence ?? 'optional'}
    description:
      zh: 模式。
      en: ${o.description ?? 'Mode.'}
    enum:
${(o.values ?? 'Fast Slow').split(' ').map(value).join('')}  - name: size
    type: string
    presence: optional
    pattern: "${o.pattern ?? '^(?:small|large)$'}"
    example: small
    description: { zh: 大小。, en: Size. }
`;
}

export type Edit = Parameters<typeof extraFields>[0] & {
  /** Another notification in the gadget family. */
  readonly extraName?: boolean;
  /** Without the `mode` field. */
  readonly noMode?: boolean;
  readonly version?: string;
};

/** A spec folder (named "spec") with `edit` applied to the gadget family. */
export function craftSpec(edit: Edit = {}): string {
  const dir = join(tempDir('ecs-events-diff-'), 'spec');
  cpSync(MINIMAL, dir, { recursive: true });
  const file = join(dir, GADGET);
  let fields = extraFields(edit);
  if (edit.noMode) fields = fields.slice(fields.indexOf('  - name: size'));
  let text = readFileSync(file, 'utf8').replace('notifications:\n', `${fields}notifications:\n`);
  if (edit.extraName) text += '  - name: Gadget:Flip\n    label: { zh: 翻转, en: Flip }\n';
  writeFileSync(file, text);
  if (edit.version) {
    const catalog = join(dir, 'catalog.yaml');
    writeFileSync(
      catalog,
      readFileSync(catalog, 'utf8').replace('version: 0.1.0', `version: ${edit.version}`),
    );
  }
  return dir;
}

export interface Pair {
  readonly title: string;
  readonly before: Edit;
  readonly after: Edit;
  readonly semver: 'major' | 'minor' | 'patch' | 'none';
  /** Content of an event the old catalog accepts beyond its fixtures (a value only the old pattern takes). */
  readonly witness?: Readonly<Record<string, string>>;
  /** The change that must be reported: its kind, notification, field and value. */
  readonly change?: { kind: string; name: string | null; field: string | null; value?: string | null };
}

const TOGGLE = 'Gadget:Toggle';

/** A pair whose change is about Gadget:Toggle's `field` (`mode` unless said). */
function pair(
  title: string,
  before: Edit,
  after: Edit,
  semver: Pair['semver'],
  kind: string,
  more: { field?: string; value?: string; name?: string; witness?: Pair['witness'] } = {},
): Pair {
  const name = more.name ?? TOGGLE;
  const field = more.name ? null : `content.${more.field ?? 'mode'}`;
  const change = { kind, name, field, ...(more.value === undefined ? {} : { value: more.value }) };
  return { title, before, after, semver, change, ...(more.witness ? { witness: more.witness } : {}) };
}

/** One pair per kind of change the compile test holds to its verdict. */
export const PAIRS: readonly Pair[] = [
  pair('an enum value added', {}, { values: 'Fast Slow Eco' }, 'minor', 'enum-value-added', { value: 'Eco' }),
  pair('an enum value removed', { values: 'Fast Slow Eco' }, {}, 'major', 'enum-value-removed', {
    value: 'Eco',
  }),
  pair('a field made required', {}, { presence: 'required' }, 'major', 'field-required'),
  pair('a text edited', {}, { description: 'The mode.' }, 'patch', 'text-changed'),
  { title: 'the same spec twice', before: {}, after: {}, semver: 'none' },
  pair('a field made optional', { presence: 'required' }, {}, 'major', 'field-optional'),
  pair('a field made absent', {}, { presence: 'absent' }, 'major', 'field-forbidden'),
  pair('an optional field removed', {}, { noMode: true }, 'major', 'field-removed'),
  pair('an optional field added', { noMode: true }, {}, 'minor', 'field-added'),
  pair('a type changed', {}, { type: 'integer', values: '1 2' }, 'major', 'type-changed'),
  pair('a pattern narrowed', {}, { pattern: '^small$' }, 'major', 'pattern-changed', {
    field: 'size',
    witness: { size: 'large' },
  }),
  pair('a pattern widened', {}, { pattern: '^(?:small|large|huge)$' }, 'minor', 'pattern-widened', {
    field: 'size',
  }),
  pair('a notification added', {}, { extraName: true }, 'minor', 'name-added', { name: 'Gadget:Flip' }),
  pair('a notification removed', { extraName: true }, {}, 'major', 'name-removed', { name: 'Gadget:Flip' }),
];
