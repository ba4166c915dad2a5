/**
 * The shape of spec files once they have passed generator/spec-format.schema.json. The validate and model
 * stages read these; nothing after the model does.
 */

export type Scalar = string | number | boolean;
export type PresenceKind = 'required' | 'optional' | 'absent';
export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'object';

export interface RawText {
  zh: string;
  en: string;
  origin?: 'authored';
  source?: string;
}

export interface RawReference {
  title: string;
  href: string;
}

export interface RawEnumValue {
  value: Scalar;
  label: RawText;
  description?: RawText;
  impact?: RawText;
  response?: RawText;
  tags?: string[];
  source?: string;
}

export interface RawField {
  name: string;
  type: FieldType;
  presence?: PresenceKind;
  format?: string;
  pattern?: string;
  enum?: RawEnumValue[];
  example?: Scalar;
  description: RawText;
  note?: RawText;
  references?: RawReference[];
  source?: string;
}

export interface RawFormat {
  id: string;
  type: 'string';
  label: RawText;
  pattern: string;
  jsonSchemaFormat?: string;
  mask?: { char: string; alphabet: string };
  example: string;
  source: string;
}

export interface RawSource {
  id: string;
  title: string;
  path?: string;
  sections: { id: string; heading: string; anchor?: string }[];
}

export interface RawErratum {
  id: string;
  source: string;
  description: RawText;
  decision: RawText;
}

export interface RawDecision {
  id: string;
  title: RawText;
  text: RawText;
}

export interface RawEnvelopeOverride {
  format?: string;
  pattern?: string;
  example?: Scalar;
  description?: RawText;
  source?: string;
}

export interface RawResourceType {
  id: string;
  typeName: string;
  namePrefix: string;
  label: RawText;
  description?: RawText;
  source: string;
  envelope?: Record<string, RawEnvelopeOverride>;
}

export interface RawCategory {
  id: string;
  label: RawText;
  description?: RawText;
  source: string;
}

export interface RawStatus {
  id: string;
  label: RawText;
  meaning: RawText;
  final: boolean;
  source: string;
}

/** A JSON Pointer into a delivery form's object ("/a/b"). */
export type RawPointer = string;

export interface RawEnvelopeMapping {
  path?: RawPointer;
  convert?: 'basic-iso-8601';
  format?: string;
  value?: string;
  documentedLevel?: true;
  otherwise?: string;
}

export interface RawFormAttribute {
  name: string;
  value?: string;
  presence?: 'required' | 'optional';
  example?: string;
  description: RawText;
}

export interface RawFormExample {
  id: string;
  title: RawText;
  source: string;
  notification: string;
  json: string;
}

export interface RawDeliveryForm {
  id: string;
  label: string;
  typeName: string;
  source: string;
  description: RawText;
  text?: RawPointer;
  marker: RawPointer;
  require?: { path: RawPointer; value: string }[];
  type?: { path: RawPointer; prefix: string; status: RawPointer; source: string; patternSource?: string };
  envelope: { at?: RawPointer; fields: Record<string, RawEnvelopeMapping> };
  attributes?: RawFormAttribute[];
  examples?: RawFormExample[];
}

export interface RawDeliveries {
  classic: { label: string; source: string };
  forms: RawDeliveryForm[];
}

export interface RawCatalog {
  kind: 'catalog';
  id: string;
  version: string;
  product: string;
  title: RawText;
  summary: RawText;
  package: { name: string; description: string; license: string; repository?: string };
  schemaBaseUri: string;
  linkBase?: string;
  sources: RawSource[];
  formats?: RawFormat[];
  envelope: { discriminator: string; content: string; level: string; fields: RawField[] };
  resourceTypes?: RawResourceType[];
  categories?: RawCategory[];
  statuses?: RawStatus[];
  errata?: RawErratum[];
  decisions?: RawDecision[];
  deliveries?: RawDeliveries;
}

export interface RawLevel {
  documented: string;
  source: string;
  observed?: string[];
  observedSource?: string;
}

export interface RawPresenceRule {
  id: string;
  fields: string[];
  presence: PresenceKind;
  when: {
    tags?: string[];
    values?: Record<string, Scalar[]>;
    names?: string[];
    categories?: string[];
    statuses?: string[];
  };
  note?: RawText;
  source?: string;
}

export interface RawLifecycle {
  field: string;
  groupBy?: string;
  source: string;
  note?: RawText;
  initial: Scalar[];
  transitions: { from: Scalar; to: Scalar }[];
  final: Scalar[];
  groups?: {
    values: Scalar[];
    initial: Scalar[];
    transitions?: { from: Scalar; to: Scalar }[];
    source: string;
  }[];
}

export interface RawNotification {
  name: string;
  label: RawText;
  description?: RawText;
  bind?: Record<string, Scalar>;
  status?: string;
  category?: string;
  level?: RawLevel;
  source?: string;
}

export interface RawExpectedError {
  path: string;
  keyword: string;
}

export interface RawExample {
  id: string;
  title: RawText;
  source: string;
  notification?: string;
  describes?: string;
  expect: 'valid' | { valid: false; erratum: string; errors: RawExpectedError[] };
  json?: string;
  file?: string;
}

export interface RawFamily {
  kind: 'family';
  id: string;
  typeName: string;
  title: RawText;
  description: RawText;
  note?: RawText;
  source: string;
  level: RawLevel;
  resourceType?: string;
  category?: string;
  statusField?: string;
  subject?: string;
  nameTemplate?: string;
  tags?: { id: string; label: RawText }[];
  content: RawField[];
  presence?: RawPresenceRule[];
  lifecycles?: RawLifecycle[];
  notifications: RawNotification[];
  examples?: RawExample[];
}

/** One change of a release, as `npm run changelog` records it: equal changes of several names as one. */
export interface RawReleaseChange {
  semver: 'major' | 'minor' | 'patch';
  change: string;
  names: string[];
  every?: boolean;
}

export interface RawRelease {
  version: string;
  revision?: string;
  lead?: string[];
  from?: string;
  semver?: 'major' | 'minor' | 'patch' | 'none';
  changes?: RawReleaseChange[];
}

/** The record of the catalog's releases (spec/releases.yaml). */
export interface RawReleases {
  kind: 'releases';
  releases: RawRelease[];
}
