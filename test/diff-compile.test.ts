/**
 * The diff's verdicts, checked rather than assumed: for each crafted pair, a consumer written against the
 * old declarations (it builds every old valid fixture as a typed event, reads every field it declared, and
 * compares every enum value it listed) is compiled by tsc against the new declarations, and the old
 * fixtures are validated by the new catalog. What `diff` calls major must fail one or the other; what it
 * calls minor, patch or none must pass both. Each consumer also compiles against its own declarations, so
 * a failure is the change's and not the consumer's.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { largest } from '../generator/diff/change.js';
import { compareCatalogs } from '../generator/diff/compare.js';
import { EMITTERS } from '../generator/emit/index.js';
import { tsAccess, tsLiteral, tsString } from '../generator/emit/shared/escape.js';
import { packageNames } from '../generator/emit/shared/names.js';
import { runtimeData } from '../generator/events/data.js';
import { createValidator } from '../generator/events/engine.js';
import type { Catalog, EventFieldModel } from '../generator/model/catalog.js';
import { craftSpec, type Edit, PAIRS, type Pair } from './diff-pairs.js';
import { generateFiles, ROOT, tempDir } from './helpers.js';

const TSC = join(ROOT, 'node_modules', '.bin', 'tsc');
const EMIT = EMITTERS.filter((e) => e.name === 'types' || e.name === 'fixtures');

interface Side {
  readonly catalog: Catalog;
  readonly files: ReadonlyMap<string, string>;
}

async function side(edit: Edit): Promise<Side> {
  const built = await generateFiles(craftSpec(edit), 'spec', EMIT);
  assert.ok(built.catalog && built.files, JSON.stringify(built.diagnostics));
  return { catalog: built.catalog, files: built.files };
}

/** The old side's valid events: its fixtures, and the pair's witness (a value only the old catalog takes). */
function oldEvents(old: Side, pair: Pair): { name: string; event: Record<string, unknown> }[] {
  const events = [...old.files]
    .filter(([path]) => /^fixtures\/valid\/.*\.json$/.test(path))
    .map(([, text]) => JSON.parse(text) as Record<string, unknown>)
    .map((event) => ({ name: String(event[old.catalog.envelope.discriminator]), event }));
  const witness = pair.witness;
  const base = events.find((e) => e.name === 'Gadget:Toggle');
  if (witness && base) {
    const content = { ...(base.event.content as object), ...witness };
    events.push({ name: base.name, event: { ...base.event, content } });
  }
  return events;
}

/** A reader of one field: its value assigned to what the old declarations said it is. */
function readField(field: EventFieldModel, at: string, oldType: string, i: number): string[] {
  if (field.presence === 'absent') return [];
  const value = `e${at}`;
  if (!field.enum || field.const !== undefined) return [`  const v${i}: ${oldType} = ${value};`];
  const base = typeof field.enum[0]?.value;
  const optional = field.presence === 'optional' ? ' | undefined' : '';
  return [
    `  const v${i}: ${base}${optional} = ${value};`,
    ...field.enum.map((e, j) => `  if (${value} === ${tsLiteral(e.value)}) void ${j};`),
  ];
}

/** A consumer of the old declarations (`./old.js`), compiled against `./new.js`. */
function consumer(old: Side, pair: Pair): string {
  const names = packageNames(old.catalog);
  const of = (module: string, name: string) => `${module}.${names.eventOf}<${tsString(name)}>`;
  const lines = ["import type * as Old from './old.js';", "import type * as New from './new.js';"];
  oldEvents(old, pair).forEach(({ name, event }, i) => {
    lines.push(`export const w${i}: ${of('New', name)} = ${JSON.stringify(event)};`);
  });
  const content = old.catalog.envelope.content;
  old.catalog.events.forEach((event, i) => {
    lines.push(`export function r${i}(e: ${of('New', event.name)}): void {`);
    let n = 0;
    for (const field of event.envelope) {
      if (field.name === content || field.name === old.catalog.envelope.discriminator) continue;
      lines.push(
        ...readField(field, tsAccess(field.name), `${of('Old', event.name)}[${tsString(field.name)}]`, n++),
      );
    }
    for (const field of event.content) {
      const type = `${of('Old', event.name)}[${tsString(content)}][${tsString(field.name)}]`;
      lines.push(...readField(field, `${tsAccess(content)}${tsAccess(field.name)}`, type, n++));
    }
    lines.push('}');
  });
  return `${lines.join('\n')}\n`;
}

const TSCONFIG = {
  compilerOptions: {
    target: 'es2022',
    module: 'esnext',
    moduleResolution: 'bundler',
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    noEmit: true,
    types: [],
  },
};

interface Checked {
  readonly pair: Pair;
  readonly advised: string;
  readonly dir: string;
  readonly rejected: string[];
  readonly controlRejected: string[];
}

/** Writes each pair's folder: old.d.ts, new.d.ts, the consumer, and the control (the consumer on old.d.ts). */
async function prepare(root: string, pair: Pair, index: number): Promise<Checked> {
  const [old, now] = [await side(pair.before), await side(pair.after)];
  const dir = `pair${index}`;
  const types = (s: Side) => s.files.get('types/index.d.ts') ?? '';
  for (const [sub, newer] of [
    ['consumer', now],
    ['control', old],
  ] as const) {
    mkdirSync(join(root, dir, sub), { recursive: true });
    writeFileSync(join(root, dir, sub, 'old.d.ts'), types(old));
    writeFileSync(join(root, dir, sub, 'new.d.ts'), types(newer));
    writeFileSync(join(root, dir, sub, 'consumer.ts'), consumer(old, pair));
  }
  const validate = (s: Side) =>
    createValidator(runtimeData(s.catalog) as Parameters<typeof createValidator>[0]);
  const errorsOf = (s: Side) =>
    oldEvents(old, pair).flatMap(({ name, event }) =>
      validate(s)
        .validate(event)
        .map((e) => `${name} ${e.path} ${e.keyword}`),
    );
  const advised = largest(compareCatalogs(old.catalog, now.catalog));
  return { pair, advised, dir, rejected: errorsOf(now), controlRejected: errorsOf(old) };
}

test('what diff calls major fails to compile or to validate; minor, patch and none do neither', async () => {
  const root = tempDir('ecs-events-diff-tsc-');
  const checked: Checked[] = [];
  for (const [i, pair] of PAIRS.entries()) checked.push(await prepare(root, pair, i));
  writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ ...TSCONFIG, include: ['pair*/**/*.ts'] }));
  const run = spawnSync(TSC, ['-p', 'tsconfig.json', '--pretty', 'false'], { cwd: root, encoding: 'utf8' });
  const errors = `${run.stdout}${run.stderr}`.split('\n').filter((line) => /error TS\d+/.test(line));
  for (const c of checked) {
    const { title, semver } = c.pair;
    const own = (sub: string) => errors.filter((line) => line.startsWith(`${c.dir}/${sub}/`));
    assert.equal(own('control'), [], `${title}: the consumer compiles against its own declarations`);
    assert.equal(c.controlRejected, [], `${title}: the old events are valid in the old catalog`);
    assert.is(c.advised, semver, `${title}: diff's advice`);
    const broken = own('consumer').length > 0 || c.rejected.length > 0;
    const seen = [...own('consumer'), ...c.rejected].join('\n');
    if (semver === 'major') assert.ok(broken, `${title} is major: it must break the consumer or its events`);
    else assert.not.ok(broken, `${title} is ${semver}: nothing may break, but:\n${seen}`);
  }
});

test.run();
