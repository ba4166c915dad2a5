/**
 * The model: the one representation of the catalog that every emitter reads. It is plain, readonly data,
 * fully resolved (every notification knows its exact fields and their presence) and sorted, so that
 * emitters make no decisions about the spec and need no access to the YAML.
 */
import type { FieldType, PresenceKind, Scalar } from '../load/spec-types.js';
import type { DeliveriesModel } from './deliveries.js';

export type { FieldType, PresenceKind, Scalar };

export interface Text {
  readonly zh: string;
  readonly en: string;
  /** True when the zh text was written for the catalog rather than copied from the source document. */
  readonly authored: boolean;
  /** The text's own source ("doc#system-events"), when it is not that of the part holding it. */
  readonly source?: string | undefined;
}

export interface SourceRef {
  /** "doc#system-events" */
  readonly ref: string;
  readonly title: string;
  readonly heading: string;
  readonly anchor?: string;
}

export interface FormatModel {
  readonly id: string;
  readonly label: Text;
  readonly pattern: string;
  readonly jsonSchemaFormat?: string;
  readonly mask?: { readonly char: string; readonly alphabet: string };
  readonly example: string;
  readonly source: SourceRef;
}

/*
 * The model's fields, enum values, notifications, families, levels, presence rules and lifecycles have
 * every property of their kind, in the same order, `undefined` where the spec gives none (the
 * `?: T | undefined` properties below): one shape per kind, so that the emitters' code, which reads hundreds
 * of thousands of them, meets one hidden class per kind where it met up to a dozen (see the model test that
 * holds them to one key list).
 */

export interface EnumValueModel {
  readonly value: Scalar;
  readonly label: Text;
  readonly description?: Text | undefined;
  readonly impact?: Text | undefined;
  /** What to do when the value occurs. */
  readonly response?: Text | undefined;
  readonly tags: readonly string[];
  readonly source?: SourceRef | undefined;
}

export interface FieldModel {
  readonly name: string;
  readonly type: FieldType;
  /** The effective pattern: the field's own, else its format's. */
  readonly pattern?: string | undefined;
  readonly format?: FormatModel | undefined;
  readonly enum?: readonly EnumValueModel[] | undefined;
  readonly example?: Scalar | undefined;
  readonly description: Text;
  readonly note?: Text | undefined;
  readonly references: readonly { readonly title: string; readonly href: string }[];
  readonly source: SourceRef;
  /** The field's default presence, before presence rules. */
  readonly presence: PresenceKind;
}

/** A field as it is in one notification. */
export interface EventFieldModel extends FieldModel {
  /** Set when the notification fixes the value (its name, or a bound content field). */
  readonly const?: Scalar | undefined;
  /** The presence rule that decided the presence, when one did. */
  readonly rule?: string | undefined;
  /** What that rule says of the fields it decides (its note), for wherever the field is shown. */
  readonly ruleNote?: Text | undefined;
}

export interface LevelModel {
  readonly documented: string;
  readonly source: SourceRef;
  readonly observed: readonly string[];
  readonly observedSource?: SourceRef | undefined;
}

export interface EventModel {
  readonly name: string;
  /** File-name form of the name. */
  readonly slug: string;
  /** PascalCase form of the name, for type names. */
  readonly typeName: string;
  readonly family: string;
  /** Id of the catalog's resource type the notification is about, when the catalog declares them. */
  readonly resourceType?: string | undefined;
  /** Id of the notification's category, when the catalog declares them. */
  readonly category?: string | undefined;
  /** Id of the notification's status (from its status field or its name), when it has one. */
  readonly status?: string | undefined;
  readonly label: Text;
  readonly description?: Text | undefined;
  readonly level: LevelModel;
  readonly bindings: readonly { readonly field: string; readonly value: Scalar }[];
  readonly tags: readonly string[];
  readonly envelope: readonly EventFieldModel[];
  readonly content: readonly EventFieldModel[];
  /** Ids of the documented examples that carry this name. */
  readonly examples: readonly string[];
  readonly source: SourceRef;
  /** The spec file that defines the notification. */
  readonly file: string;
}

export interface PresenceRuleModel {
  readonly id: string;
  readonly fields: readonly string[];
  readonly presence: PresenceKind;
  readonly when: {
    readonly tags: readonly string[];
    readonly values: readonly { readonly field: string; readonly values: readonly Scalar[] }[];
    readonly names: readonly string[];
    readonly categories: readonly string[];
    readonly statuses: readonly string[];
  };
  readonly note?: Text | undefined;
  readonly source: SourceRef;
}

export interface LifecycleModel {
  readonly field: string;
  readonly groupBy?: string | undefined;
  readonly source: SourceRef;
  readonly note?: Text | undefined;
  readonly initial: readonly Scalar[];
  readonly transitions: readonly { readonly from: Scalar; readonly to: Scalar }[];
  readonly final: readonly Scalar[];
  /** Values of groupBy with entry states (and transitions) of their own. */
  readonly groups: readonly {
    readonly values: readonly Scalar[];
    readonly initial: readonly Scalar[];
    readonly transitions?: readonly { readonly from: Scalar; readonly to: Scalar }[] | undefined;
    readonly source: SourceRef;
  }[];
}

export interface FamilyModel {
  readonly id: string;
  readonly typeName: string;
  readonly title: Text;
  readonly description: Text;
  readonly note?: Text | undefined;
  readonly source: SourceRef;
  readonly level: LevelModel;
  readonly resourceType?: string | undefined;
  readonly category?: string | undefined;
  /** The content field that carries the status, when one does. */
  readonly statusField?: string | undefined;
  /** The content field with the ID of the resource each notification is about (required in every one). */
  readonly subject?: string | undefined;
  readonly nameTemplate?: string | undefined;
  readonly tags: readonly { readonly id: string; readonly label: Text }[];
  readonly content: readonly FieldModel[];
  readonly presence: readonly PresenceRuleModel[];
  readonly lifecycles: readonly LifecycleModel[];
  /** Notification names of the family, sorted. */
  readonly events: readonly string[];
  readonly examples: readonly string[];
  readonly file: string;
}

export interface ExampleModel {
  readonly id: string;
  readonly family: string;
  readonly title: Text;
  readonly source: SourceRef;
  /** The notification whose schema the example is checked against. */
  readonly notification: string;
  /** The notification the example really shows, when the name it carries is wrong (see its erratum). */
  readonly describes?: string | undefined;
  /** The example verbatim. */
  readonly text: string;
  readonly value: unknown;
  readonly expect:
    | { readonly valid: true }
    | {
        readonly valid: false;
        readonly erratum: string;
        readonly errors: readonly { readonly path: string; readonly keyword: string }[];
      };
  readonly file: string;
}

export interface ResourceTypeModel {
  readonly id: string;
  readonly typeName: string;
  readonly namePrefix: string;
  readonly label: Text;
  readonly description?: Text | undefined;
  readonly source: SourceRef;
  /** Names of its notifications, sorted. */
  readonly events: readonly string[];
}

export interface CategoryModel {
  readonly id: string;
  readonly label: Text;
  readonly description?: Text | undefined;
  readonly source: SourceRef;
  /** Names of its notifications, sorted. */
  readonly events: readonly string[];
}

export interface StatusModel {
  readonly id: string;
  readonly label: Text;
  readonly meaning: Text;
  /** A stable status: no notification follows it for the same event. */
  readonly final: boolean;
  readonly source: SourceRef;
}

/** A version of the catalog the repository records, with what diff found against the one before. */
export interface ReleaseModel {
  readonly version: string;
  readonly revision?: string | undefined;
  /** Hand-written paragraphs, plain text. */
  readonly lead: readonly string[];
  readonly from?: string | undefined;
  readonly semver?: 'major' | 'minor' | 'patch' | 'none' | undefined;
  readonly changes: readonly {
    readonly semver: 'major' | 'minor' | 'patch';
    /** The change, without the notification names. */
    readonly change: string;
    readonly names: readonly string[];
    /** In every notification both versions have. */
    readonly every: boolean;
  }[];
}

export interface Catalog {
  readonly id: string;
  readonly version: string;
  readonly product: string;
  readonly title: Text;
  readonly summary: Text;
  readonly package: {
    readonly name: string;
    readonly description: string;
    readonly license: string;
    readonly repository?: string;
  };
  readonly schemaBaseUri: string;
  /** Where references' root-relative links (/path) point: the source documents' repository. */
  readonly linkBase?: string | undefined;
  readonly sources: readonly {
    readonly id: string;
    readonly title: string;
    readonly path?: string;
    readonly sections: readonly { readonly id: string; readonly heading: string; readonly anchor?: string }[];
  }[];
  readonly formats: readonly FormatModel[];
  readonly envelope: {
    readonly discriminator: string;
    readonly content: string;
    readonly level: string;
    readonly fields: readonly FieldModel[];
  };
  readonly resourceTypes: readonly ResourceTypeModel[];
  readonly categories: readonly CategoryModel[];
  readonly statuses: readonly StatusModel[];
  readonly families: readonly FamilyModel[];
  readonly events: readonly EventModel[];
  readonly examples: readonly ExampleModel[];
  readonly errata: readonly {
    readonly id: string;
    readonly source: SourceRef;
    readonly description: Text;
    readonly decision: Text;
  }[];
  readonly decisions: readonly { readonly id: string; readonly title: Text; readonly text: Text }[];
  /** The releases the spec records (spec/releases.yaml), newest first; none without that file. */
  readonly releases: readonly ReleaseModel[];
  /** The delivery forms besides the classic one, when the catalog declares them. */
  readonly deliveries?: DeliveriesModel | undefined;
  /** The spec files, as "<spec folder name>/<path>", for banners. */
  readonly files: readonly string[];
  /** Banner path of the catalog file. */
  readonly catalogFile: string;
}
