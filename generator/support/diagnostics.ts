/**
 * Diagnostics are data: every stage returns them instead of throwing, and the CLI prints them in one place.
 * All message texts live in the MESSAGES table below, so that codes and wording stay consistent.
 */

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  /** Path of the file, as shown to the user (relative to the working directory where possible). */
  readonly file: string;
  /** 1-based; 0 when the diagnostic concerns the whole file. */
  readonly line: number;
  /** 1-based; 0 when the diagnostic concerns the whole file. */
  readonly column: number;
}

type Args = Record<string, string | number>;

/** One entry per kind of problem: its code and how its message reads. */
export const MESSAGES = {
  'spec-dir-missing': (a: Args) => `spec folder not found: ${a.dir}`,
  'no-spec-files': (a: Args) => `no .yaml files in the spec folder ${a.dir}`,
  'io-error': (a: Args) => `cannot read: ${a.reason}`,
  'not-text': () => 'not a UTF-8 text file',
  'file-too-large': (a: Args) => `file is larger than ${a.limit} bytes`,
  'yaml-syntax': (a: Args) => `YAML: ${a.detail}`,
  'spec-format': (a: Args) => `${a.where}${a.detail}`,
  'missing-catalog': () => 'no file of kind "catalog" in the spec folder',
  'duplicate-catalog': (a: Args) => `a second file of kind "catalog"; the first is ${a.other}`,
  'duplicate-releases': (a: Args) => `a second file of kind "releases"; the first is ${a.other}`,
  'duplicate-name': (a: Args) => `notification name "${a.name}" is already defined at ${a.other}`,
  'duplicate-id': (a: Args) => `${a.kind} "${a.id}" is already defined at ${a.other}`,
  'duplicate-field': (a: Args) => `field "${a.name}" is already defined at ${a.other}`,
  'duplicate-value': (a: Args) => `enum value ${a.value} is listed twice in field "${a.field}"`,
  'unknown-source': (a: Args) => `unknown source "${a.ref}"; declared: ${a.known}`,
  'unknown-format': (a: Args) => `unknown format "${a.id}"; declared: ${a.known}`,
  'unknown-field': (a: Args) => `unknown ${a.scope} field "${a.name}"; fields: ${a.known}`,
  'unknown-value': (a: Args) => `${a.value} is not a value of field "${a.field}"; values: ${a.known}`,
  'unknown-tag': (a: Args) => `unknown tag "${a.tag}"; declared: ${a.known}`,
  'unknown-name': (a: Args) => `unknown notification name "${a.name}"`,
  'unknown-erratum': (a: Args) => `unknown erratum "${a.id}"; declared: ${a.known}`,
  'unknown-level': (a: Args) => `unknown level "${a.level}"; levels: ${a.known}`,
  'unknown-reference': (a: Args) => `unknown ${a.kind} "${a.id}"; declared: ${a.known}`,
  'name-prefix': (a: Args) =>
    `notification name "${a.name}" does not start with "${a.prefix}:", the prefix of resource type "${a.type}"`,
  'status-twice': (a: Args) =>
    `notification "${a.name}" declares a status, but its family's status field "${a.field}" carries it`,
  'status-field': (a: Args) => `status field "${a.field}" needs an enum of catalog statuses`,
  'subject-type': (a: Args) => `subject field "${a.field}" must be a string field (the ID of a resource)`,
  'subject-presence': (a: Args) =>
    `subject field "${a.field}" is ${a.presence} in notification "${a.name}"; it must be required in every one`,
  'envelope-role': (a: Args) => `envelope ${a.role} "${a.name}" is not one of the envelope fields`,
  'enum-type': (a: Args) => `enum value ${a.value} is not of the field's type ${a.type}`,
  'invalid-pattern': (a: Args) => `invalid regular expression: ${a.reason}`,
  'bind-missing': (a: Args) =>
    `notification "${a.name}" does not bind "${a.field}", used by the name template`,
  'name-template': (a: Args) =>
    `name "${a.name}" does not match the family's template; expected "${a.expected}"`,
  'bind-enum': (a: Args) => `bound field "${a.field}" has no enum; a bound field needs its values listed`,
  'presence-conflict': (a: Args) =>
    `rules "${a.first}" (${a.firstPresence}) and "${a.second}" (${a.secondPresence}) disagree on field "${a.field}" of "${a.name}"`,
  'bound-absent': (a: Args) => `rule "${a.rule}" makes field "${a.field}" absent, but "${a.name}" binds it`,
  'lifecycle-state': (a: Args) => `lifecycle value ${a.value} is not a value of field "${a.field}"`,
  'example-mismatch': (a: Args) => `example ${a.value} does not fit ${a.what}: ${a.reason}`,
  'example-source': () => 'an example needs exactly one of "json" and "file"',
  'example-json': (a: Args) => `example is not valid JSON: ${a.reason}`,
  'example-not-event': (a: Args) => `example is not a JSON object with a "${a.field}" field`,
  'missing-file': (a: Args) => `"${a.ref}" does not exist in the spec folder (${a.reason})`,
  'example-expectation': (a: Args) => `example "${a.id}": ${a.detail}`,
  'ref-outside-spec': (a: Args) => `"${a.ref}" points outside the spec folder`,
  'slug-collision': (a: Args) => `"${a.name}" and "${a.other}" both map to the file name "${a.slug}"`,
  'type-name-collision': (a: Args) =>
    `"${a.name}" and "${a.other}" both map to the type name "${a.typeName}"`,
  'delivery-unmapped': (a: Args) =>
    `delivery form "${a.form}" gives no value to the required envelope field "${a.field}"`,
  'delivery-mapping': (a: Args) => `delivery form "${a.form}": ${a.detail}`,
  'delivery-status': (a: Args) =>
    `delivery form "${a.form}" reads the status at ${a.pointer}, but family "${a.family}" keeps it in "${a.field}"`,
  'delivery-type-collision': (a: Args) =>
    `delivery form "${a.form}" gives "${a.name}" and "${a.other}" the same type "${a.type}"${a.why}`,
} as const;

export type DiagnosticCode = keyof typeof MESSAGES;

/** Diagnostics that mean the spec could not be read at all: a usage or I/O problem, not a broken spec. */
export const UNREADABLE_SPEC: ReadonlySet<DiagnosticCode> = new Set([
  'spec-dir-missing',
  'no-spec-files',
  'io-error',
]);

/** Where a diagnostic points. */
export interface Location {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** Builds a diagnostic from its code, the message arguments and a location. */
export function createDiagnostic(
  code: DiagnosticCode,
  args: Args,
  at: Location,
  severity: Severity = 'error',
): Diagnostic {
  return { code, severity, message: MESSAGES[code](args), file: at.file, line: at.line, column: at.column };
}

/** `file:line:col: error code: message`, the one-line form that editors and CI annotate. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file;
  return `${where}: ${d.severity} ${d.code}: ${d.message}`;
}

/** The offending line with a caret under the column, or '' when there is no line to show. */
export function formatCodeFrame(d: Diagnostic, source: string | undefined): string {
  if (source === undefined || d.line < 1) return '';
  const lines = source.split(/\r?\n/);
  const text = lines[d.line - 1];
  if (text === undefined) return '';
  const gutter = String(d.line);
  const shown = text.length > 160 ? `${text.slice(0, 160)}…` : text;
  const caret = `${' '.repeat(gutter.length)} | ${' '.repeat(Math.max(0, Math.min(d.column - 1, 160)))}^`;
  return `${gutter} | ${shown.replace(/\t/g, ' ')}\n${caret}`;
}

/** Stable order: by file, line, column, then code. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      compareStrings(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      compareStrings(a.code, b.code),
  );
}

/** Code-unit comparison: the same order on every machine and locale (never localeCompare). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Thrown by the write stage and the CLI for failures that are not about the spec's content. */
export class ToolError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'ToolError';
  }
}

/** A short reason for an unexpected error, without its stack. */
export function errorReason(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = error.message.split('\n')[0]?.trim() ?? error.message;
    return code && !message.startsWith(`${code}:`) ? `${code}: ${message}` : message;
  }
  return String(error);
}
