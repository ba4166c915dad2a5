/**
 * Every command and option of the CLI, declared once: the argument parser, the help text and the
 * `Options` type all come from these two tables.
 */
import { parseArgs } from 'node:util';
import { VALIDATE_OPTIONS } from '../events/options.js';

interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** The value's placeholder in the help text (string options). */
  readonly value?: string;
  readonly default?: string;
  readonly help: string;
}

const COMMANDS = [
  ['generate', 'Generate every output from the spec into the output folder'],
  ['check', 'Report generated files that are stale, missing or orphaned (same as generate --check)'],
  ['validate <input>...', 'Validate event payloads: JSON or NDJSON files, globs, or - for stdin'],
  [
    'diff <old> <new>',
    'What changed between two catalogs (folders or git:<rev>[:<path>]), and its semver level',
  ],
  ['site build', 'Build the docs site of the output folder into --site (default: site)'],
  ['site dev', 'Serve the docs site of the output folder locally, with live reload'],
] as const;

/** An option of validate, its help saying so (the package's own CLI has no other command). */
function withValidate<T extends OptionSpec>(option: T): T {
  return { ...option, help: `With validate: ${option.help[0]?.toLowerCase()}${option.help.slice(1)}` };
}

export const OPTIONS = {
  spec: { type: 'string', value: 'DIR', default: 'spec', help: 'Spec folder' },
  out: { type: 'string', value: 'DIR', default: 'generated', help: 'Output folder' },
  check: { type: 'boolean', help: 'With generate: compare instead of writing; exit 1 on any difference' },
  force: { type: 'boolean', help: 'Replace the contents of an output folder that ecs-events did not write' },
  site: { type: 'string', value: 'DIR', default: 'site', help: 'With site build: where to build the site' },
  base: {
    type: 'string',
    value: 'PATH',
    default: '/',
    help: 'With site build: the URL path the site is served under, e.g. /repository/ for a project page',
  },
  port: { type: 'string', value: 'N', default: '5173', help: 'With site dev: the port' },
  strict: withValidate(VALIDATE_OPTIONS.strict),
  json: {
    ...VALIDATE_OPTIONS.json,
    help: `${withValidate(VALIDATE_OPTIONS.json).help}; with diff: --format json`,
  },
  'reject-masked': withValidate(VALIDATE_OPTIONS['reject-masked']),
  'follow-content-status': withValidate(VALIDATE_OPTIONS['follow-content-status']),
  format: {
    type: 'string',
    value: 'FORMAT',
    help: 'With diff: text (default), markdown (a changelog section) or json',
  },
  'check-version': {
    type: 'boolean',
    help: "With diff: exit 1 when the new catalog's version is not at least the bump its changes call for",
  },
  form: withValidate(VALIDATE_OPTIONS.form),
  brief: { type: 'boolean', help: 'One line per diagnostic, without the source excerpt' },
  watch: { type: 'boolean', help: 'With generate: regenerate on every save of the spec or the templates' },
  'no-cache': {
    type: 'boolean',
    help: 'Generate or check in full even when the inputs and the output did not change',
  },
  debug: { type: 'boolean', help: 'Print stack traces of internal errors' },
  help: { type: 'boolean', short: 'h', help: 'Show this help' },
  version: { type: 'boolean', short: 'v', help: 'Show the version' },
} as const satisfies Record<string, OptionSpec>;

type Table = typeof OPTIONS;
type ValueOf<K extends keyof Table> = Table[K]['type'] extends 'string' ? string : boolean;

/** The parsed options: string options with a default always have a value. */
export type Options = {
  readonly [K in keyof Table as Table[K] extends { default: string } ? K : never]: string;
} & {
  readonly [K in keyof Table as Table[K] extends { default: string } ? never : K]?: ValueOf<K>;
};

/** Parses `argv` (without node and script); throws node's ERR_PARSE_ARGS_* errors on bad arguments. */
export function parseCommandLine(argv: readonly string[]): { options: Options; positionals: string[] } {
  const config = Object.fromEntries(
    Object.entries(OPTIONS).map(([name, o]: [string, OptionSpec]) => [
      name,
      { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.default ? { default: o.default } : {}) },
    ]),
  );
  const parsed = parseArgs({ args: [...argv], options: config, allowPositionals: true, strict: true });
  return { options: parsed.values as unknown as Options, positionals: parsed.positionals };
}

/** The help text. */
export function usage(): string {
  const flag = (name: string, o: OptionSpec) =>
    `${o.short ? `-${o.short}, ` : ''}--${name}${o.value ? ` ${o.value}` : ''}`;
  const options = Object.entries(OPTIONS).map(([name, o]: [string, OptionSpec]) => [
    flag(name, o),
    o.default ? `${o.help} (default: ${o.default})` : o.help,
  ]);
  const width = Math.max(...[...COMMANDS, ...options].map(([left]) => left.length));
  const column = (rows: readonly (readonly [string, string])[]) =>
    rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`).join('\n');
  return `Usage: ecs-events <command> [options]\n\nCommands:\n${column(COMMANDS)}\n\nOptions:\n${column(options as [string, string][])}`;
}
