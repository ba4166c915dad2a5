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
 * @typedef {{ names: string[], fields: FieldSpec[], envelope?: number, status?: string }} FamilySpec
 * @typedef {[label: string, example: string, mask: string | null] | null} FormatSpec
 * @typedef {[familyIndex: number, presence: string, bound: Record<string, unknown>]} EventSpec
 * @typedef {{
 *   discriminator: string,
 *   content: string,
 *   patterns: string[],
 *   formats?: FormatSpec[],
 *   enums: unknown[][],
 *   envelope: EnvelopeSpec,
 *   envelopes?: EnvelopeSpec[],
 *   families: FamilySpec[],
 *   familyIds: string[],
 *   events: Record<string, EventSpec>,
 * }} CatalogData
 * @typedef {{
 *   strict?: boolean,
 *   unknown?: 'reject' | 'accept',
 *   masked?: 'accept' | 'reject',
 *   statusSlip?: 'reject' | 'follow-content',
 * }} Options
 * @typedef {{ strict: boolean, masked: boolean, warnings: EventError[] | undefined }} Run
 * @typedef {{ readonly message: string, readonly path: readonly string[] }} Issue
 */

const hasOwn = Object.prototype.hasOwnProperty;

/** Returned when a check has nothing to warn about (no allocation for most events). */
const NO_WARNINGS = /** @type {EventError[]} */ (/** @type {unknown} */ (Object.freeze([])));

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

  /** @type {Run} */
  const current = { strict: false, masked: false, warnings: undefined };

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
    // Kept small (messages are made out of line), so that it stays inlined where it is called.
    if (!hasType(value, spec[1])) fail(errors, parent, spec, 'type', value, undefined);
    if (isBound) {
      if (value !== bound) fail(errors, parent, spec, 'const', value, bound);
      return;
    }
    const values = spec[2] >= 0 ? data.enums[spec[2]] : undefined;
    if (values && !values.includes(value)) fail(errors, parent, spec, 'enum', value, values);
    if (spec[3] < 0 || typeof value !== 'string') return;
    if (!pattern(spec[3]).test(value)) fail(errors, parent, spec, 'pattern', value, undefined);
    else if (current.masked && isMasked(spec[3], value))
      fail(errors, parent, spec, 'masked', value, undefined);
  }

  /** @param {number} index @param {string} value */
  function isMasked(index, value) {
    const mask = data.formats?.[index]?.[2];
    return mask !== undefined && mask !== null && value.includes(mask);
  }

  /**
   * Records that a value breaks a rule, with a message that shows the value and says what was expected.
   * @param {EventError[]} errors
   * @param {string} parent
   * @param {FieldSpec} spec
   * @param {'type' | 'const' | 'enum' | 'pattern' | 'masked'} keyword
   * @param {unknown} value
   * @param {unknown} expected the bound value (const) or the values (enum)
   */
  function fail(errors, parent, spec, keyword, value, expected) {
    errors.push({ path: join(parent, spec[0]), keyword, message: messageOf(keyword, value, spec, expected) });
  }

  /**
   * @param {string} keyword
   * @param {unknown} value
   * @param {FieldSpec} spec
   * @param {unknown} expected
   */
  function messageOf(keyword, value, spec, expected) {
    const got = shown(value);
    const format = data.formats?.[spec[3]];
    switch (keyword) {
      case 'type':
        return `must be ${spec[1]}, not ${typeName(value)}`;
      case 'const':
        return `must be ${JSON.stringify(expected)}, not ${got}`;
      case 'enum': {
        const values = /** @type {unknown[]} */ (expected);
        const near = typeof value === 'string' ? nearest(value, values) : undefined;
        const hint = near === undefined ? '' : ` (did you mean ${JSON.stringify(near)}?)`;
        return `${got} is not one of ${values.map((v) => JSON.stringify(v)).join(', ')}${hint}`;
      }
      case 'pattern':
        return format
          ? `${got} is not in the format ${JSON.stringify(format[0])}, e.g. ${format[1]}`
          : `${got} does not match ${data.patterns[spec[3]]}`;
      default:
        return `${got} is masked (${format?.[2]}), as the documents' examples are; a delivered event is not`;
    }
  }

  /**
   * Checks one object against field specs and a presence string (r required, o optional, a absent).
   * @param {Record<string, unknown>} object
   * @param {FieldSpec[]} fields
   * @param {string} presence
   * @param {Record<string, unknown>} bound
   * @param {string} path
   * @param {EventError[]} errors
   * @param {EventSpec | undefined} event the notification whose content the envelope holds
   */
  function checkObject(object, fields, presence, bound, path, errors, event) {
    let present = 0;
    for (let i = 0; i < fields.length; i++) {
      const spec = /** @type {FieldSpec} */ (fields[i]);
      const name = spec[0];
      const mode = presence.charCodeAt(i);
      if (!hasOwn.call(object, name)) {
        if (mode === 114 /* r */)
          errors.push({ path: join(path, name), keyword: 'required', message: 'is required' });
        continue;
      }
      present++;
      const value = object[name];
      if (mode === 97 /* a */) {
        const message = 'must be absent for this notification';
        errors.push({ path: join(path, name), keyword: 'false schema', message });
      } else if (event && name === data.content) checkContent(value, contentPath, event, errors);
      else checkValue(value, spec, path, bound[name], hasOwn.call(bound, name), errors);
    }
    // Every key is a listed field (the common case): nothing more to look at.
    if (current.strict || present !== countKeys(object)) checkUnlisted(object, fields, path, errors);
  }

  /**
   * The keys of `object` that are not fields: errors in strict mode, warnings for near misses otherwise.
   * @param {Record<string, unknown>} object
   * @param {FieldSpec[]} fields
   * @param {string} path
   * @param {EventError[]} errors
   */
  function checkUnlisted(object, fields, path, errors) {
    const run = current;
    const known = knownNames(fields);
    for (const key in object) {
      if (!hasOwn.call(object, key) || known.has(key)) continue;
      const near = nearest(key, known);
      const hint = near === undefined ? '' : `; did you mean ${JSON.stringify(near)}?`;
      if (run.strict) {
        const message = `is not a known field (strict schema)${hint}`;
        errors.push({ path: join(path, key), keyword: 'additionalProperties', message });
      } else if (near !== undefined) {
        // A near miss of a field is most likely a typo; an unlisted field far from all is a new one.
        const message = `is not a known field${hint} (accepted; strict mode rejects it)`;
        run.warnings ??= [];
        run.warnings.push({ path: join(path, key), keyword: 'additionalProperties', message });
      }
    }
  }

  /**
   * All errors of `value` as an event; `known` is false when its name is not in the catalog. With `as`,
   * the event is checked as that notification whatever its name (a per-name schema).
   * @param {unknown} value
   * @param {Options} [options]
   * @param {string} [as] a known name
   * @returns {{ errors: EventError[], known: boolean, warnings: EventError[], name?: string }}
   *   `name` is set when `statusSlip: 'follow-content'` read the event under another name than its own
   */
  function check(value, options = {}, as = undefined) {
    /** @type {EventError[]} */
    const errors = [];
    if (!isObject(value)) {
      errors.push({ path: '', keyword: 'type', message: `must be object, not ${typeName(value)}` });
      return { errors, known: false, warnings: NO_WARNINGS };
    }
    const name = value[disc];
    if (!hasOwn.call(value, disc)) {
      errors.push({ path: `/${escapePointer(disc)}`, keyword: 'required', message: 'is required' });
      return { errors, known: false, warnings: NO_WARNINGS };
    }
    // One run record per validator, reset per check (a check never starts another).
    const run = current;
    run.strict = options.strict === true;
    run.masked = options.masked === 'reject';
    run.warnings = undefined;
    const key = as ?? name;
    const event = typeof key === 'string' && hasOwn.call(data.events, key) ? data.events[key] : undefined;
    if (!event) {
      if (options.unknown === 'accept' && typeof name === 'string') return checkUnknown(value, errors);
      const near = typeof name === 'string' ? nearest(name, names) : undefined;
      const hint = near === undefined ? '' : `; did you mean ${JSON.stringify(near)}?`;
      const message = `is not a known notification name${hint}`;
      errors.push({ path: `/${escapePointer(disc)}`, keyword: 'enum', message });
      return { errors, known: false, warnings: NO_WARNINGS };
    }
    checkAs(value, /** @type {string} */ (key), event, errors);
    if (errors.length > 0 && as === undefined && options.statusSlip === 'follow-content') {
      const slip = followContent(value, event);
      if (slip) return slip;
    }
    return { errors, known: true, warnings: run.warnings ?? NO_WARNINGS };
  }

  /**
   * @param {Record<string, unknown>} value
   * @param {string} key
   * @param {EventSpec} event
   * @param {EventError[]} errors
   */
  function checkAs(value, key, event, errors) {
    // A family's resource type may change envelope fields (the ARN of its resource).
    const own = data.families[event[0]]?.envelope;
    const envelope = own === undefined ? data.envelope : (data.envelopes?.[own] ?? data.envelope);
    checkObject(value, envelope.fields, envelope.presence, boundName(key), '', errors, event);
  }

  /**
   * The notification the content's status names, when it is a sibling of the event's own name (same
   * family, same bound values but the status) and the event is valid as that one: the slip of a name
   * that kept an earlier status.
   * @param {Record<string, unknown>} value
   * @param {EventSpec} event
   */
  function followContent(value, event) {
    const family = /** @type {FamilySpec} */ (data.families[event[0]]);
    const field = family.status;
    const content = value[data.content];
    if (field === undefined || !isObject(content) || content[field] === event[2][field]) return undefined;
    const said = content[field];
    const sibling = family.names.find((other) => {
      const bound = /** @type {EventSpec} */ (data.events[other])[2];
      if (bound[field] !== said) return false;
      return Object.keys(event[2]).every((k) => k === field || bound[k] === event[2][k]);
    });
    if (sibling === undefined) return undefined;
    /** @type {EventError[]} */
    const errors = [];
    const first = current.warnings;
    current.warnings = undefined;
    const renamed = { ...value, [disc]: sibling };
    checkAs(renamed, sibling, /** @type {EventSpec} */ (data.events[sibling]), errors);
    const again = current.warnings;
    current.warnings = first;
    if (errors.length > 0) return undefined;
    const message = `names the status ${JSON.stringify(event[2][field])}, its content says ${JSON.stringify(said)}: read as ${JSON.stringify(sibling)}`;
    const slip = { path: `/${escapePointer(disc)}`, keyword: 'const', message };
    return { errors, known: true, warnings: [slip, ...(again ?? [])], name: sibling };
  }

  /**
   * @param {unknown} content
   * @param {string} path
   * @param {EventSpec} event
   * @param {EventError[]} errors
   */
  function checkContent(content, path, event, errors) {
    if (!isObject(content))
      errors.push({ path, keyword: 'type', message: `must be object, not ${typeName(content)}` });
    else if (event !== UNKNOWN_CONTENT) {
      const family = /** @type {FamilySpec} */ (data.families[event[0]]);
      checkObject(content, family.fields, event[1], event[2], path, errors, undefined);
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
   * @param {EventError[]} errors
   */
  function checkUnknown(value, errors) {
    const fields = data.envelope.fields.filter((f) => f[0] !== disc);
    const presence = data.envelope.presence
      .split('')
      .filter((_, i) => data.envelope.fields[i]?.[0] !== disc)
      .join('');
    const known = [...fields, /** @type {FieldSpec} */ ([disc, 'string', -1, -1])];
    checkObject(value, known, `${presence}r`, {}, '', errors, UNKNOWN_CONTENT);
    return { errors, known: false, warnings: current.warnings ?? NO_WARNINGS };
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
    /**
     * @param {unknown} input
     * @param {Options} [options]
     * @returns {{ ok: true, known: boolean, event: Record<string, unknown>, warnings?: EventError[] }
     *   | { ok: false, errors: EventError[] }}
     */
    parse(input, options) {
      const body = read(input);
      if (body.errors) return { ok: false, errors: body.errors };
      const checked = check(body.value, options);
      if (checked.errors.length > 0) return { ok: false, errors: checked.errors };
      const value = /** @type {Record<string, unknown>} */ (body.value);
      // Read under the name its content says (statusSlip: 'follow-content'): a copy, the input unchanged.
      const event = checked.name === undefined ? value : { ...value, [disc]: checked.name };
      if (checked.warnings.length === 0) return { ok: true, known: checked.known, event };
      return { ok: true, known: checked.known, event, warnings: checked.warnings };
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

/** How many own enumerable keys an object has, without making their list. @param {object} object */
function countKeys(object) {
  let n = 0;
  for (const key in object) if (hasOwn.call(object, key)) n++;
  return n;
}

/** A received value as an error message shows it: JSON, cut when long. @param {unknown} value */
function shown(value) {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The JSON type of a value, for "must be string, not number". @param {unknown} value */
function typeName(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/**
 * The known text closest to `text` when it is a near miss: an edit distance of at most 2, or a fifth of
 * the text for long ones (a name of forty characters with a letter missing). Letter case counts half.
 * @param {string} text
 * @param {Iterable<unknown>} known
 * @returns {string | undefined}
 */
function nearest(text, known) {
  const limit = Math.max(2, Math.floor(text.length / 5));
  let best;
  let bestDistance = limit + 1;
  for (const candidate of known) {
    if (typeof candidate !== 'string' || Math.abs(candidate.length - text.length) > limit) continue;
    const d = distance(text, candidate, bestDistance);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * Optimal string alignment distance (insertions, deletions, substitutions and swaps of neighbours; a change
 * of letter case only costs half), stopping once it exceeds `stop`.
 * @param {string} a
 * @param {string} b
 * @param {number} stop
 */
function distance(a, b, stop) {
  // Three rows of the table: two rows up (for swaps), the row above, and this one.
  let before = new Float64Array(b.length + 1);
  let above = Float64Array.from({ length: b.length + 1 }, (_, j) => j);
  let row = new Float64Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let least = i;
    for (let j = 1; j <= b.length; j++) {
      const x = a.charAt(i - 1);
      const y = b.charAt(j - 1);
      const cost = x === y ? 0 : x.toLowerCase() === y.toLowerCase() ? 0.5 : 1;
      let v = Math.min(cell(above, j) + 1, cell(row, j - 1) + 1, cell(above, j - 1) + cost);
      if (i > 1 && j > 1 && x === b.charAt(j - 2) && a.charAt(i - 2) === y)
        v = Math.min(v, cell(before, j - 2) + 1);
      row[j] = v;
      least = Math.min(least, v);
    }
    if (least > stop) return least;
    [before, above, row] = [above, row, before];
  }
  return cell(above, b.length);
}

/** @param {Float64Array} row @param {number} j */
function cell(row, j) {
  return row[j] ?? 0;
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
