// @ts-check
/**
 * The router that ships in the generated package: a map from notification names (and, below them, from
 * families, categories and resource types) to handlers, resolved once per router into one handler per
 * name, so that routing a body is a parse, a check and one lookup. Generic like the engine: the names and
 * their classification come from the validator and the info table of the package.
 */

/**
 * @typedef {import('./engine.js').EventError} EventError
 * @typedef {ReturnType<typeof import('./engine.js').createValidator>} Engine
 * @typedef {Omit<Engine, 'check'> & {
 *   check(value: unknown, options?: import('./engine.js').Options): { errors: EventError[], known: boolean, event?: unknown, name?: string },
 * }} Validator
 *   the engine, or the engine behind the delivery forms' reader (whose check gives the converted event)
 * @typedef {(...args: never[]) => unknown} Handler
 * @typedef {Readonly<Record<string, Handler | undefined>>} HandlerMap
 * @typedef {{
 *   families?: HandlerMap,
 *   categories?: HandlerMap,
 *   resourceTypes?: HandlerMap,
 *   invalid?: 'throw' | ((errors: EventError[], body: unknown) => unknown),
 *   unknown?: 'throw' | 'invalid' | ((event: unknown) => unknown),
 *   strict?: boolean,
 *   exhaustive?: boolean,
 * }} RouterOptions
 */

/** The key of the handler of every known notification that no other handler takes. */
const ANY = '*';

/** Option → the info entry's key it groups notifications by, in the order they are tried. */
const GROUPS = /** @type {const} */ ([
  ['families', 'family'],
  ['categories', 'category'],
  ['resourceTypes', 'resourceType'],
]);

const hasOwn = Object.prototype.hasOwnProperty;

/** What a router throws for a body it cannot hand to a handler, with the errors that say why. */
export class RouterError extends Error {
  /** @param {'invalid' | 'unknown'} reason @param {EventError[]} errors */
  constructor(reason, errors) {
    const first = errors[0];
    const what = reason === 'unknown' ? 'unknown notification name' : 'invalid notification';
    super(first ? `${what}: ${first.path ? `${first.path} ` : ''}${first.message}` : what);
    this.name = new.target.name;
    /** Whether the body is not a valid notification ('invalid') or names one the catalog does not know. */
    this.reason = reason;
    this.errors = errors;
  }
}

/** @param {HandlerMap | undefined} map @param {unknown} key */
function own(map, key) {
  return map && typeof key === 'string' && hasOwn.call(map, key) ? map[key] : undefined;
}

/**
 * One handler per known name: its own, else its family's, category's or resource type's, else the catch-all.
 * @param {Validator} validator
 * @param {Readonly<Record<string, Readonly<Record<string, unknown>>>>} info
 * @param {HandlerMap} handlers
 * @param {RouterOptions} options
 */
function resolve(validator, info, handlers, options) {
  for (const key of Object.keys(handlers))
    if (key !== ANY && !validator.isName(key)) throw new TypeError(`not a notification name: ${key}`);
  for (const [option, by] of GROUPS) {
    const known = new Set(validator.names.map((name) => info[name]?.[by]));
    for (const key of Object.keys(options[option] ?? {}))
      if (!known.has(key)) throw new TypeError(`${option}: no notification has ${by} ${key}`);
  }
  /** @type {Map<string, Handler>} */
  const table = new Map();
  const missing = [];
  for (const name of validator.names) {
    let handler = own(handlers, name);
    for (const [option, by] of GROUPS) handler ??= own(options[option], info[name]?.[by]);
    handler ??= options.exhaustive ? undefined : own(handlers, ANY);
    if (handler) table.set(name, handler);
    else missing.push(name);
  }
  if (options.exhaustive && missing.length > 0)
    throw new TypeError(`exhaustive router without a handler for ${missing.join(', ')}`);
  return table;
}

/**
 * A function of a body (a JSON text, its UTF-8 bytes, or a parsed value) that parses and checks it and
 * returns what the notification's handler returns (undefined when no handler takes it).
 * @param {Validator} validator
 * @param {Readonly<Record<string, Readonly<Record<string, unknown>>>>} info
 * @param {new (reason: 'invalid' | 'unknown', errors: EventError[]) => Error} Failure
 * @param {HandlerMap} handlers
 * @param {RouterOptions} [options]
 */
export function createRouter(validator, info, Failure, handlers, options = {}) {
  const table = resolve(validator, info, handlers, options);
  const { invalid, unknown = 'invalid' } = options;
  const accept = typeof unknown === 'function';
  const checkOptions = /** @type {const} */ ({
    strict: options.strict === true,
    unknown: accept ? 'accept' : 'reject',
  });
  const disc = validator.discriminator;
  /** @param {EventError[]} errors @param {unknown} body @param {boolean} unknownName */
  const fail = (errors, body, unknownName) => {
    if (unknownName && unknown === 'throw') throw new Failure('unknown', errors);
    if (typeof invalid === 'function') return invalid(errors, body);
    throw new Failure(unknownName ? 'unknown' : 'invalid', errors);
  };
  /** @param {unknown} body */
  return (body) => {
    const read = validator.read(body);
    if (read.errors) return fail(read.errors, body, false);
    // A validator that reads delivery forms gives the classic event it converted the body to.
    const checked = /** @type {{ errors: EventError[], known: boolean, event?: unknown, name?: string }} */ (
      validator.check(read.value, checkOptions)
    );
    const { errors, known } = checked;
    const value = /** @type {Record<string, unknown>} */ (checked.event ?? read.value);
    if (errors.length > 0) {
      const name = checked.name ?? (typeof value === 'object' && value !== null ? value[disc] : undefined);
      return fail(errors, body, !accept && typeof name === 'string' && !validator.isName(name));
    }
    if (!known) return /** @type {(event: unknown) => unknown} */ (unknown)(value);
    return table.get(/** @type {string} */ (value[disc]))?.(/** @type {never} */ (value));
  };
}
