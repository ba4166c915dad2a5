// @ts-check
/**
 * The validator that ships in the generated package. It is generic: everything it knows about events
 * comes from the data table that the runtime emitter writes next to it. It checks an event the way the
 * generated JSON Schemas do (same JSON paths, same keywords), without compiling anything at start-up:
 * each pattern is compiled on first use, and an event is checked only against the one notification its
 * name selects.
 */

/**
 * @typedef {{ path: string, keyword: string, message: string }} EventError
 * @typedef {[name: string, type: string, enumIndex: number, patternIndex: number]} FieldSpec
 * @typedef {{ fields: FieldSpec[], presence: string }} EnvelopeSpec
 * @typedef {{ names: string[], fields: FieldSpec[], envelope?: number }} FamilySpec
 * @typedef {[familyIndex: number, presence: string, bound: Record<string, unknown>]} EventSpec
 * @typedef {{
 *   discriminator: string,
 *   content: string,
 *   patterns: string[],
 *   enums: unknown[][],
 *   envelope: EnvelopeSpec,
 *   envelopes?: EnvelopeSpec[],
 *   families: FamilySpec[],
 *   familyIds: string[],
 *   events: Record<string, EventSpec>,
 * }} CatalogData
 * @typedef {{ strict?: boolean, unknown?: 'reject' | 'accept' }} Options
 * @typedef {{ readonly message: string, readonly path: readonly string[] }} Issue
 */

const hasOwn = Object.prototype.hasOwnProperty;

/** The content of a notification the catalog does not know: it only has to be an object. */
const UNKNOWN_CONTENT = /** @type {EventSpec} */ ([-1, '', {}]);

/** @param {CatalogData} data */
export function createValidator(data) {
  /** @type {(RegExp | undefined)[]} */
  const compiled = [];
  const names = Object.freeze(Object.keys(data.events));
  const familyNames = new Map(
    data.familyIds.map((id, i) => [id, Object.freeze([...(data.families[i]?.names ?? [])])]),
  );
  const disc = data.discriminator;

  /** @type {WeakMap<FieldSpec[], Set<string>>} */
  const namesOf = new WeakMap();
  /** @param {FieldSpec[]} fields */
  function knownNames(fields) {
    let names = namesOf.get(fields);
    if (!names) {
      names = new Set(fields.map((f) => f[0]));
      namesOf.set(fields, names);
    }
    return names;
  }

  /** @param {number} index */
  function pattern(index) {
    let re = compiled[index];
    if (re === undefined) {
      re = new RegExp(/** @type {string} */ (data.patterns[index]), 'u');
      compiled[index] = re;
    }
    return re;
  }

  /**
   * @param {unknown} value
   * @param {FieldSpec} spec
   * @param {string} parent the path of the object holding the value; the value's own path is built only
   *   when there is an error, so that valid events allocate nothing
   * @param {unknown} bound
   * @param {boolean} isBound
   * @param {EventError[]} errors
   */
  function checkValue(value, spec, parent, bound, isBound, errors) {
    const type = spec[1];
    if (!hasType(value, type))
      errors.push({ path: join(parent, spec[0]), keyword: 'type', message: `must be ${type}` });
    if (isBound) {
      if (value !== bound) {
        errors.push({
          path: join(parent, spec[0]),
          keyword: 'const',
          message: `must be ${JSON.stringify(bound)}`,
        });
      }
      return;
    }
    const values = spec[2] >= 0 ? data.enums[spec[2]] : undefined;
    if (values && !values.includes(value)) {
      const message = `must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
      errors.push({ path: join(parent, spec[0]), keyword: 'enum', message });
    }
    if (spec[3] >= 0 && typeof value === 'string' && !pattern(spec[3]).test(value)) {
      errors.push({
        path: join(parent, spec[0]),
        keyword: 'pattern',
        message: `must match ${data.patterns[spec[3]]}`,
      });
    }
  }

  /**
   * Checks one object against field specs and a presence string (r required, o optional, a absent).
   * @param {Record<string, unknown>} object
   * @param {FieldSpec[]} fields
   * @param {string} presence
   * @param {Record<string, unknown>} bound
   * @param {string} path
   * @param {boolean} strict
   * @param {EventError[]} errors
   * @param {EventSpec | undefined} event the notification whose content the envelope holds
   */
  function checkObject(object, fields, presence, bound, path, strict, errors, event) {
    for (let i = 0; i < fields.length; i++) {
      const spec = /** @type {FieldSpec} */ (fields[i]);
      const name = spec[0];
      const mode = presence.charCodeAt(i);
      if (!hasOwn.call(object, name)) {
        if (mode === 114 /* r */)
          errors.push({ path: join(path, name), keyword: 'required', message: 'is required' });
        continue;
      }
      const value = object[name];
      if (mode === 97 /* a */) {
        const message = 'must be absent for this notification';
        errors.push({ path: join(path, name), keyword: 'false schema', message });
      } else if (event && name === data.content) checkContent(value, contentPath, event, strict, errors);
      else checkValue(value, spec, path, bound[name], hasOwn.call(bound, name), errors);
    }
    if (!strict) return;
    const known = knownNames(fields);
    for (const key in object) {
      if (hasOwn.call(object, key) && !known.has(key)) {
        const message = 'is not a known field (strict schema)';
        errors.push({ path: join(path, key), keyword: 'additionalProperties', message });
      }
    }
  }

  /**
   * All errors of `value` as an event; `known` is false when its name is not in the catalog. With `as`,
   * the event is checked as that notification whatever its name (a per-name schema).
   * @param {unknown} value
   * @param {Options} [options]
   * @param {string} [as] a known name
   * @returns {{ errors: EventError[], known: boolean }}
   */
  function check(value, options = {}, as = undefined) {
    /** @type {EventError[]} */
    const errors = [];
    if (!isObject(value)) {
      errors.push({ path: '', keyword: 'type', message: 'must be object' });
      return { errors, known: false };
    }
    const name = value[disc];
    if (!hasOwn.call(value, disc)) {
      errors.push({ path: `/${escapePointer(disc)}`, keyword: 'required', message: 'is required' });
      return { errors, known: false };
    }
    const key = as ?? name;
    const event = typeof key === 'string' && hasOwn.call(data.events, key) ? data.events[key] : undefined;
    if (!event) {
      if (options.unknown === 'accept' && typeof name === 'string')
        return checkUnknown(value, options, errors);
      errors.push({
        path: `/${escapePointer(disc)}`,
        keyword: 'enum',
        message: 'is not a known notification name',
      });
      return { errors, known: false };
    }
    // A family's resource type may change envelope fields (the ARN of its resource).
    const own = data.families[event[0]]?.envelope;
    const envelope = own === undefined ? data.envelope : (data.envelopes?.[own] ?? data.envelope);
    checkObject(
      value,
      envelope.fields,
      envelope.presence,
      boundName(/** @type {string} */ (key)),
      '',
      options.strict === true,
      errors,
      event,
    );
    return { errors, known: true };
  }

  /**
   * @param {unknown} content
   * @param {string} path
   * @param {EventSpec} event
   * @param {boolean} strict
   * @param {EventError[]} errors
   */
  function checkContent(content, path, event, strict, errors) {
    if (!isObject(content)) errors.push({ path, keyword: 'type', message: 'must be object' });
    else if (event !== UNKNOWN_CONTENT) {
      const family = /** @type {FamilySpec} */ (data.families[event[0]]);
      checkObject(content, family.fields, event[1], event[2], path, strict, errors, undefined);
    }
  }

  /** The content's path in an event (the envelope is the event itself). */
  const contentPath = join('', data.content);

  /** @type {Map<string, Record<string, unknown>>} */
  const boundNames = new Map();
  /** The envelope's bound values for one name (made once per name, not per event). @param {string} name */
  function boundName(name) {
    let bound = boundNames.get(name);
    if (!bound) {
      bound = { [disc]: name };
      boundNames.set(name, bound);
    }
    return bound;
  }

  /**
   * An event whose name the catalog does not know: its envelope is checked, its content only for being an object.
   * @param {Record<string, unknown>} value
   * @param {Options} options
   * @param {EventError[]} errors
   */
  function checkUnknown(value, options, errors) {
    const fields = data.envelope.fields.filter((f) => f[0] !== disc);
    const presence = data.envelope.presence
      .split('')
      .filter((_, i) => data.envelope.fields[i]?.[0] !== disc)
      .join('');
    const strict = options.strict === true;
    const known = strict ? [...fields, /** @type {FieldSpec} */ ([disc, 'string', -1, -1])] : fields;
    checkObject(value, known, `${presence}r`, {}, '', strict, errors, UNKNOWN_CONTENT);
    return { errors, known: false };
  }

  return {
    /** The field that holds the notification name. */
    discriminator: disc,
    names,
    /** @param {string} id */
    familyNames: (id) => familyNames.get(id) ?? Object.freeze([]),
    /** @param {unknown} name */
    isName: (name) => typeof name === 'string' && hasOwn.call(data.events, name),
    /** @param {unknown} value @param {Options} [options] */
    validate: (value, options) => check(value, options).errors,
    /** The errors, and whether the name is one the catalog knows. */
    check,
    /** @param {unknown} value @param {string} [name] */
    is(value, name) {
      if (name !== undefined && (!isObject(value) || value[disc] !== name)) return false;
      const checked = check(value);
      return checked.known && checked.errors.length === 0;
    },
    read,
    /** @param {unknown} input @param {Options} [options] */
    parse(input, options) {
      const body = read(input);
      if (body.errors) return { ok: false, errors: body.errors };
      const checked = check(body.value, options);
      if (checked.errors.length > 0) return { ok: false, errors: checked.errors };
      return { ok: true, known: checked.known, event: body.value };
    },
    /**
     * A `~standard` schema (StandardSchemaV1) of any known notification, or of the one named: its issues
     * are the errors of `validate`, their JSON Pointers as lists of keys.
     * @param {string} vendor
     * @param {string} [name]
     */
    standardSchema(vendor, name) {
      /** @param {unknown} value @returns {{ value: unknown } | { issues: Issue[] }} */
      const validate = (value) => {
        const { errors } = check(value, {}, name);
        return errors.length === 0 ? { value } : { issues: errors.map(issueOf) };
      };
      return Object.freeze({ '~standard': Object.freeze({ version: 1, vendor, validate }) });
    },
  };
}

/**
 * A body's value: a JSON text, or its UTF-8 bytes (a leading BOM dropped), parsed; anything else is taken
 * as parsed already. Bytes give the errors, with the same positions, of the text they encode.
 * @param {unknown} input
 * @returns {{ value: unknown, errors?: undefined } | { errors: EventError[] }}
 */
function read(input) {
  let text = input;
  if (isBytes(input)) {
    try {
      text = utf8().decode(input);
    } catch {
      return { errors: [{ path: '', keyword: 'json', message: 'is not valid UTF-8' }] };
    }
  }
  if (typeof text !== 'string') return { value: input };
  // A string is the caller's own text: a BOM in it is reported where it is, as JSON.parse does.
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { errors: [{ path: '', keyword: 'json', message }] };
  }
}

/** @type {{ decode(input: Uint8Array): string } | undefined} */
let decoder;
/** Made on first use: a program that never passes bytes never needs one. */
function utf8() {
  decoder ??= new TextDecoder('utf-8', { fatal: true });
  return decoder;
}

/** A Uint8Array (a Buffer included), also one made in another realm. @param {unknown} value @returns {value is Uint8Array} */
function isBytes(value) {
  return ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === '[object Uint8Array]';
}

/** @param {EventError} error @returns {Issue} */
function issueOf(error) {
  const path = error.path === '' ? [] : error.path.slice(1).split('/').map(unescapePointer);
  return { message: error.message, path };
}

/** @param {string} segment */
function unescapePointer(segment) {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** @param {unknown} value @returns {value is Record<string, unknown>} */
function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a value is of a JSON type of the catalog (the spec checks its own examples with it too). @param {unknown} value @param {string} type */
export function hasType(value, type) {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return isObject(value);
  }
}

/** @param {string} segment */
function escapePointer(segment) {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A JSON Pointer one level below `parent`. @param {string} parent @param {string} name */
function join(parent, name) {
  return `${parent}/${escapePointer(name)}`;
}
