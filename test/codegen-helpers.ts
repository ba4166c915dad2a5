/**
 * Helpers for the code generators' test: quicktype over the schemas a code generator is given (every
 * per-name schema, and the codegen/ family and bundle schemas), in one run per language, and the toolchains
 * that run what it makes (Debian's Go, a Python 3 with jsonschema and dateutil).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { FetchingJSONSchemaStore, InputData, JSONSchemaInput, quicktype } from 'quicktype-core';

/**
 * A source given to quicktype: the name the test knows it by, the schema file it comes from, and its
 * title, which quicktype names the top-level type after.
 */
export interface Source {
  readonly name: string;
  readonly path: string;
  readonly title: string;
}

/** The schemas meant for code generators, each as a top-level type of its own. */
export function codegenSources(files: ReadonlyMap<string, string>): Source[] {
  const sources: Source[] = [];
  const add = (name: string, path: string) => {
    const title = (JSON.parse(files.get(path) ?? '{}') as { title?: string }).title;
    if (!title) throw new Error(`${path} has no title`);
    sources.push({ name, path, title });
  };
  for (const path of files.keys()) {
    const file = path.match(/^schemas\/(events|codegen\/families)\/([^/]+)\.schema\.json$/);
    if (file) add(`${file[1] === 'events' ? '' : 'family-'}${file[2]}`, path);
  }
  add('ecs-event', 'schemas/codegen/events.schema.json');
  const titles = new Set(sources.map((s) => bare(s.title)));
  if (titles.size !== sources.length) throw new Error('two schemas for code generators share a title');
  return sources;
}

/** quicktype's code for every source, in one run (one module, the types they share made once). */
export async function generateCode(
  files: ReadonlyMap<string, string>,
  sources: readonly Source[],
  lang: 'go' | 'python',
): Promise<string> {
  const input = new JSONSchemaInput(new FetchingJSONSchemaStore());
  for (const source of sources) {
    const schema = files.get(source.path);
    if (schema === undefined) throw new Error(`no ${source.path}`);
    await input.addSource({ name: source.name, schema });
  }
  const inputData = new InputData();
  inputData.addInput(input);
  const rendererOptions: Record<string, string> = lang === 'go' ? { package: 'ecsevents' } : {};
  const result = await quicktype({ inputData, lang, rendererOptions });
  return `${result.lines.join('\n')}\n`;
}

/** A name without its case and separators: how a source's title is found again in the code made from it. */
export const bare = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * The identifier that `pattern` (its first group) finds in `code` for each source, by the source's bare
 * title: quicktype spells a top-level type in the language's style, acronyms and all.
 */
export function topLevels(code: string, pattern: RegExp, sources: readonly Source[]): Map<string, string> {
  const found = new Map<string, string>();
  // The second group, where there is one, is the part that spells the type's name.
  for (const match of code.matchAll(pattern))
    found.set(bare(match[2] ?? (match[1] as string)), match[1] as string);
  const out = new Map<string, string>();
  for (const source of sources) {
    const id = found.get(bare(source.title));
    if (!id) throw new Error(`no top-level type for ${source.name} in the generated code`);
    out.set(source.name, id);
  }
  return out;
}

/**
 * Whether a toolchain the test needs is there: with CI=true a missing one is a failure, elsewhere the test
 * is skipped with a line that says how to install it.
 */
function missing(what: string, install: string): undefined {
  if (process.env.CI === 'true') throw new Error(`${what} is missing: ${install} (see .ci/run)`);
  console.log(`code generators' test skipped in part: ${what} not found (${install} to run it)`);
  return undefined;
}

function works(command: string, args: readonly string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Debian's Go (golang-go), on PATH or where the package puts it. */
export function goCommand(): string | undefined {
  for (const go of ['go', '/usr/lib/go/bin/go']) if (works(go, ['version'])) return go;
  return missing('Go', 'apt-get install -y golang-go');
}

/** The first Python 3 that imports what the generated module and the verdicts need. */
export function pythonCommand(): string | undefined {
  const candidates = ['python3', '/usr/bin/python3'].filter((p) => !p.startsWith('/') || existsSync(p));
  for (const python of candidates) if (works(python, ['-c', 'import jsonschema, dateutil'])) return python;
  return missing(
    'a Python 3 with jsonschema and dateutil',
    'apt-get install -y python3-jsonschema python3-dateutil',
  );
}
