/**
 * The Standard Schema declarations of types/index.d.ts: the interface itself, copied as the spec asks
 * libraries to (so that the package depends on nothing), and the package's schemas typed by it.
 */
import type { PackageNames } from '../shared/names.js';
import type { Statement } from '../shared/ts-print.js';
import { declare } from './runtime-decls.js';

/** The interfaces the declarations copy (declared under the spec's own names, whatever the catalog). */
export const STANDARD_SCHEMA_TYPES = ['StandardSchemaV1', 'StandardTypedV1'] as const;

/**
 * StandardTypedV1 and StandardSchemaV1 of @standard-schema/spec 1.1.0 (MIT): the published declarations,
 * their comments reworded where they used words that are also catalog terms (see no-domain-facts); a test
 * holds the package's schemas assignable to the published types.
 */
const INTERFACE = `/** The base interface of \`StandardSchemaV1\` (copied from @standard-schema/spec 1.1.0, MIT). */
export interface StandardTypedV1<Input = unknown, Output = Input> {
  /** The properties of the spec. */
  readonly "~standard": StandardTypedV1.Props<Input, Output>;
}

export declare namespace StandardTypedV1 {
  /** The properties interface. */
  interface Props<Input = unknown, Output = Input> {
    /** The version number of the standard. */
    readonly version: 1;
    /** The vendor name of the schema library. */
    readonly vendor: string;
    /** Inferred types associated with the schema. */
    readonly types?: Types<Input, Output> | undefined;
  }
  /** The types interface. */
  interface Types<Input = unknown, Output = Input> {
    /** The input type of the schema. */
    readonly input: Input;
    /** The output type of the schema. */
    readonly output: Output;
  }
  /** Infers the input type of a \`StandardTypedV1\`. */
  type InferInput<Schema extends StandardTypedV1> = NonNullable<Schema["~standard"]["types"]>["input"];
  /** Infers the output type of a \`StandardTypedV1\`. */
  type InferOutput<Schema extends StandardTypedV1> = NonNullable<Schema["~standard"]["types"]>["output"];
}

/** The \`StandardSchemaV1\` interface (copied from @standard-schema/spec 1.1.0, MIT). */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  /** The properties of the spec. */
  readonly "~standard": StandardSchemaV1.Props<Input, Output>;
}

export declare namespace StandardSchemaV1 {
  /** The properties interface. */
  interface Props<Input = unknown, Output = Input> extends StandardTypedV1.Props<Input, Output> {
    /** Validates unknown input values. */
    readonly validate: (
      value: unknown,
      options?: StandardSchemaV1.Options | undefined,
    ) => Result<Output> | Promise<Result<Output>>;
  }
  /** What the validate function returns. */
  type Result<Output> = SuccessResult<Output> | FailureResult;
  /** What validation gives when it succeeds. */
  interface SuccessResult<Output> {
    /** The typed output value. */
    readonly value: Output;
    /** A falsy value for \`issues\` indicates success. */
    readonly issues?: undefined;
  }
  interface Options {
    /** Explicit support for additional vendor-specific parameters, if needed. */
    readonly libraryOptions?: Record<string, unknown> | undefined;
  }
  /** What validation gives when it fails. */
  interface FailureResult {
    /** The issues found. */
    readonly issues: ReadonlyArray<Issue>;
  }
  /** The issue interface of the failure output. */
  interface Issue {
    /** The error message of the issue. */
    readonly message: string;
    /** The path of the issue, if any. */
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }
  /** The path segment interface of the issue. */
  interface PathSegment {
    /** The key representing a path segment. */
    readonly key: PropertyKey;
  }
  /** The types interface. */
  interface Types<Input = unknown, Output = Input> extends StandardTypedV1.Types<Input, Output> {}
  /** Infers the input type of a \`StandardTypedV1\`. */
  type InferInput<Schema extends StandardTypedV1> = StandardTypedV1.InferInput<Schema>;
  /** Infers the output type of a \`StandardTypedV1\`. */
  type InferOutput<Schema extends StandardTypedV1> = StandardTypedV1.InferOutput<Schema>;
}`;

/** The copied interface, then the schema of any known notification and the schema of each name. */
export function standardSchemaStatements(names: PackageNames): Statement[] {
  return [
    INTERFACE,
    declare(
      names.schema,
      `StandardSchemaV1<unknown, ${names.event}>`,
      `The \`StandardSchemaV1\` of any known notification, for the libraries that take one: \`validate\` gives \`{ value }\` or \`{ issues }\`, each with the message and the path (a list of keys) of an error of \`${names.validateEvent}\`.`,
    ),
    declare(
      names.schemas,
      `{ readonly [N in ${names.eventName}]: StandardSchemaV1<unknown, ${names.eventOf}<N>> }`,
      'The `StandardSchemaV1` of each notification, by name: an event with another name fails it.',
    ),
  ];
}
