/**
 * What `ecs-events diff` reports: one change per thing a consumer can notice, each with the semver level it
 * calls for. Every kind has its level and its wording in one table, as the diagnostics do, so that the
 * policy (README, "Versioning") reads in one place.
 */
import type { Scalar } from '../model/catalog.js';

export type Semver = 'major' | 'minor' | 'patch' | 'none';

/** Largest first: the order of the text and Markdown groups. */
export const LEVELS: readonly Exclude<Semver, 'none'>[] = ['major', 'minor', 'patch'];

const RANK: Record<Semver, number> = { none: 0, patch: 1, minor: 2, major: 3 };

/**
 * Every kind of change, with its level: major when a payload the old catalog accepts is rejected or code
 * written against the old declarations stops compiling; minor when the new catalog only accepts more
 * (exhaustive handling must add cases); patch for texts and docs.
 */
export const KINDS = {
  'name-added': { semver: 'minor', says: 'new notification' },
  'name-removed': { semver: 'major', says: 'notification removed' },
  'name-regrouped': { semver: 'major', says: 'moved to another {what}: {old} → {new}' },
  'name-classified': { semver: 'minor', says: 'now classified: {what} {new}' },
  'name-unclassified': { semver: 'major', says: 'no longer classified by {what}, was {old}' },
  'level-changed': { semver: 'patch', says: 'documented level {old} → {new}' },
  'field-added': { semver: 'minor', says: 'new optional field' },
  'field-added-required': { semver: 'major', says: 'new required field' },
  'field-allowed': { semver: 'minor', says: 'now optional, was never present' },
  'field-forbidden': { semver: 'major', says: 'now never present, was {old}' },
  'field-removed': { semver: 'major', says: 'removed from the declarations, was {old}' },
  'field-unlisted': { semver: 'minor', says: 'no longer listed, was never present' },
  'field-required': { semver: 'major', says: 'now required, was {old}' },
  'field-optional': { semver: 'major', says: 'now optional, was required: code must handle undefined' },
  'type-changed': { semver: 'major', says: 'type {old} → {new}' },
  'type-widened': { semver: 'minor', says: 'type {old} → {new}, accepts more' },
  'value-fixed': { semver: 'major', says: 'now always {new}' },
  'value-changed': { semver: 'major', says: 'always {new}, was always {old}' },
  'value-freed': { semver: 'minor', says: 'no longer always {old}' },
  'enum-value-added': { semver: 'minor', says: 'new value {value}; exhaustive handling must add a case' },
  'enum-value-removed': { semver: 'major', says: 'value {value} removed' },
  'enum-added': { semver: 'major', says: 'now limited to the values {new}' },
  'enum-removed': { semver: 'minor', says: 'no longer limited to a list of values' },
  'pattern-added': { semver: 'major', says: 'now must match {new}' },
  'pattern-removed': { semver: 'minor', says: 'no longer has to match {old}' },
  'pattern-widened': { semver: 'minor', says: 'pattern {old} → {new}, accepts more' },
  'pattern-changed': { semver: 'major', says: 'pattern {old} → {new}{why}' },
  'format-added': { semver: 'major', says: 'now must be a {new}' },
  'format-removed': { semver: 'minor', says: 'no longer has to be a {old}' },
  'format-changed': { semver: 'major', says: 'JSON Schema format {old} → {new}' },
  'status-final-changed': { semver: 'minor', says: 'status {what} final: {old} → {new}' },
  'form-added': { semver: 'minor', says: 'bodies in this delivery form are read too' },
  'form-removed': { semver: 'major', says: 'bodies in this delivery form are no longer read' },
  'form-type-changed': {
    semver: 'major',
    says: '{what} type {old} → {new}: what selects the old type misses it',
  },
  'form-field-moved': { semver: 'major', says: '{what} carries it at {new}, was {old}' },
  'text-changed': { semver: 'patch', says: '{what}' },
} as const satisfies Record<string, { semver: Semver; says: string }>;

export type ChangeKind = keyof typeof KINDS;

/** One change, as `--json` prints it. */
export interface Change {
  readonly kind: ChangeKind;
  readonly semver: Semver;
  /** The notification the change is about; null for what is not one notification's. */
  readonly name: string | null;
  /** The field's path in the event (`content.<field>` for content fields); null when not a field's. */
  readonly field: string | null;
  /** The enum value added or removed; null otherwise. */
  readonly value: Scalar | null;
  readonly message: string;
}

export interface ChangeOf {
  readonly name?: string | null;
  readonly field?: string | null;
  readonly value?: Scalar | null;
  /** What the message names when the change is no notification's (a family). */
  readonly scope?: string;
  /** What fills the kind's `{placeholders}`. */
  readonly args?: Readonly<Record<string, string>>;
}

/** Makes a change of `kind`; its message names the notification and the field it is about. */
export function changeOf(kind: ChangeKind, of: ChangeOf = {}): Change {
  const { semver, says } = KINDS[kind];
  const args: Record<string, string> = {
    value: of.value == null ? '' : quote(of.value),
    why: '',
    ...of.args,
  };
  const said = says.replace(/\{(\w+)\}/g, (_, key: string) => args[key] ?? '');
  const where = [of.name ?? of.scope, of.field].filter((part): part is string => typeof part === 'string');
  return {
    kind,
    semver,
    name: of.name ?? null,
    field: of.field ?? null,
    value: of.value ?? null,
    message: where.length > 0 ? `${where.join(': ')}: ${said}` : said,
  };
}

/** A value as messages show it: JSON, so that "1" and 1 differ. */
export function quote(value: unknown): string {
  return JSON.stringify(value);
}

/** The advice: the largest level of the changes. */
export function largest(changes: readonly Change[]): Semver {
  let top: Semver = 'none';
  for (const change of changes) if (RANK[change.semver] > RANK[top]) top = change.semver;
  return top;
}

/** Orders levels: negative when `a` is smaller than `b`. */
export function compareLevels(a: Semver, b: Semver): number {
  return RANK[a] - RANK[b];
}
