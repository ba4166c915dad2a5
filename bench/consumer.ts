/**
 * The consumer's side: what the generated package costs the code that uses it. `tsc --noEmit` of a
 * consumer that switches over every name, of one that only looks events up in `EcsEventMap`, and of the
 * declarations alone; and the cold start of a process that imports the validators and checks one event.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { alternate, NODE, nodeFloor, repeat, type Stats } from './measure.js';
import { ROOT, WORK } from './synthesize.js';

const TSC = join(ROOT, 'node_modules', '.bin', 'tsc');

export interface TscResults {
  readonly catalog: string;
  readonly names: number;
  readonly declarations: Stats;
  readonly mapOnly: Stats;
  readonly switchAll: Stats;
}

// The same options for the three, so that their difference is the consumer code alone; skipLibCheck is off
// so that "declarations alone" really checks the declarations.
const COMPILER_OPTIONS = {
  target: 'es2022',
  module: 'nodenext',
  moduleResolution: 'nodenext',
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  skipLibCheck: false,
  noEmit: true,
  types: [],
};

/** Writes the three consumer projects for the catalog generated in `outDir` and type-checks each. */
export async function benchTsc(
  label: string,
  outDir: string,
  plan: { runs: number; timeoutMs: number },
): Promise<TscResults> {
  const dir = join(WORK, `consumer-${label}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  const types = join(outDir, 'types', 'index.d.ts');
  const rel = relative(dir, join(outDir, 'types', 'index.js'));
  const from = rel.startsWith('.') ? rel : `./${rel}`;
  const names = eventNames(outDir);
  writeFileSync(join(dir, 'switch.ts'), switchConsumer(from, names));
  writeFileSync(join(dir, 'map.ts'), mapConsumer(from, names[0] ?? ''));
  const project = (name: string, file: string) => {
    const path = join(dir, `tsconfig.${name}.json`);
    writeFileSync(path, JSON.stringify({ compilerOptions: COMPILER_OPTIONS, files: [file] }, null, 2));
    return path;
  };
  const tsc = async (config: string) => (await repeat(TSC, ['-p', config], { ...plan, cwd: dir })).stats;
  return {
    catalog: label,
    names: names.length,
    declarations: await tsc(project('declarations', types)),
    mapOnly: await tsc(project('map', 'map.ts')),
    switchAll: await tsc(project('switch', 'switch.ts')),
  };
}

function eventNames(outDir: string): string[] {
  const index = JSON.parse(readFileSync(join(outDir, 'schemas', 'index.json'), 'utf8')) as {
    events: { name: string }[];
  };
  return index.events.map((e) => e.name);
}

/** An exhaustive handler: one case per name, each reading the narrowed content, and a `never` default. */
function switchConsumer(from: string, names: readonly string[]): string {
  const cases = names.map((n) => `    case ${JSON.stringify(n)}:\n      return event.content;`);
  return [
    `import type { EcsEvent } from ${JSON.stringify(from)};`,
    '',
    'export function handle(event: EcsEvent): object {',
    '  switch (event.name) {',
    ...cases,
    '    default: {',
    '      const unhandled: never = event;',
    '      return unhandled;',
    '    }',
    '  }',
    '}',
    '',
  ].join('\n');
}

/** A consumer that never builds the union: handlers keyed by name, typed through `EcsEventMap[N]`. */
function mapConsumer(from: string, name: string): string {
  return [
    `import type { EcsEventMap, EcsEventName } from ${JSON.stringify(from)};`,
    '',
    'export type Handler<N extends EcsEventName> = (event: EcsEventMap[N]) => void;',
    'const handlers = new Map<EcsEventName, Handler<EcsEventName>>();',
    '',
    'export function on<N extends EcsEventName>(name: N, handler: Handler<N>): void {',
    '  handlers.set(name, handler as Handler<EcsEventName>);',
    '}',
    '',
    `on(${JSON.stringify(name)}, (event) => {`,
    `  const name: ${JSON.stringify(name)} = event.name;`,
    '  void name;',
    '});',
    '',
  ].join('\n');
}

/** A process that imports the package's validators and validates one event, start to exit. */
export async function benchColdStart(
  outDir: string,
  plan: { runs: number; timeoutMs: number },
): Promise<{ readonly coldStart: Stats; readonly node: Stats }> {
  const runtime = pathToFileURL(join(outDir, 'runtime', 'index.js')).href;
  const fixture = join(outDir, 'fixtures', 'valid', 'instance-state-change.complete.json');
  const script = [
    `import { validateEcsEvent } from ${JSON.stringify(runtime)};`,
    `import { readFileSync } from 'node:fs';`,
    `const errors = validateEcsEvent(JSON.parse(readFileSync(${JSON.stringify(fixture)}, 'utf8')));`,
    'if (errors.length > 0) { console.error(JSON.stringify(errors)); process.exit(1); }',
  ].join('\n');
  // In turns with `node -e 0`, the floor its goal compares with (see alternate).
  const [coldStart, node] = await alternate(
    [{ command: NODE, args: ['--input-type=module', '-e', script], options: plan }, nodeFloor(plan)],
    plan.runs,
  );
  return { coldStart: coldStart.stats, node: node.stats };
}

/** `node -e 0` at the start of the bench run, as its reference (the goals use the floors in turns). */
export async function nodeBaseline(plan: { runs: number; timeoutMs: number }): Promise<Stats> {
  const { command, args } = nodeFloor(plan);
  return (await repeat(command, args, plan)).stats;
}
