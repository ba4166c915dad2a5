// @ts-check
/**
 * The delivery forms, shipped verbatim in the generated package beside the engine: it recognises the form
 * of a body (the classic notification, or one of the forms the catalog declares: an EventBridge event, an
 * Event Center webhook body…), converts it to the classic notification, checks that with the engine, and
 * reports errors at the JSON paths of the body as it was received. Generic: every form's marker, fields and
 * type rule come from the table that the runtime emitter writes from the catalog (forms-data.js).
 */

/**
 * @typedef {import('./engine.js').EventError & { text?: string }} FormError
 * @typedef {ReturnType<typeof import('./engine.js').createValidator>} Validator
 * @typedef {[field: string, kind: 'path' | 'convert' | 'value' | 'level' | 'type', path: string, pattern: string, value: string]} FieldRule
 * @typedef {{
 *   id: string, label: string, text?: string, marker: string,
 *   require: [path: string, value: string][],
 *   type?: { path: string, prefix: string, status: string, statusField: string,
 *     types: Record<string, string | Record<string, string>>, adds: string[] },
 *   fields: FieldRule[],
 *   attributes: [name: string, value: string, required: boolean][],
 * }} FormSpec
 * @typedef {{ classic: { id: string, label: string }, content: string, levels: Record<string, string>, forms: FormSpec[] }} FormsData
 * @typedef {import('./engine.js').Options & { forms?: readonly string[] }} FormOptions
 * @typedef {{
 *   errors: FormError[], known: boolean, form?: string, event?: unknown, name?: string, warnings?: FormError[],
 * }} FormCheck
 *   `name`: the name of a type the catalog does not know, when it is reported as unknown
 */

const hasOwn = Object.prototype.hasOwnProperty;

/** @param {unknown} value @returns {value is Record<string, unknown>} */
function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** @param {string} pointer */
function keysOf(pointer) {
  return pointer
    .slice(1)
    .split('/')
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The value at a JSON Pointer, or undefined. @param {unknown} value @param {string[]} keys */
function at(value, keys) {
  let here = value;
  for (const key of keys) {
    if (!isObject(here) || !hasOwn.call(here, key)) return undefined;
    here = here[key];
  }
  return here;
}

/** RFC 3339 (checked by the format's pattern first) in basic ISO 8601 with its offset. @param {string} time */
function basicIso8601(time) {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)$/i.exec(time);
  if (!m) return time;
  const offset = m[8] === 'Z' || m[8] === 'z' ? '+0000' : String(m[8]).replace(':', '');
  return `${m[1]}${m[2]}${m[3]}T${m[4]}${m[5]}${m[6]}${m[7] ?? ''}${offset}`;
}

const CONVERT = { 'basic-iso-8601': basicIso8601 };

/**
 * @param {Validator} validator
 * @param {FormsData} data
 */
export function createFormReader(validator, data) {
  const disc = validator.discriminator;
  const classic = data.classic.id;
  const ids = Object.freeze([classic, ...data.forms.map((f) => f.id)]);
  const byId = new Map(data.forms.map((f) => [f.id, prepare(f)]));
  /** @type {Map<string, RegExp>} */
  const patterns = new Map();
  /** @param {string} source */
  const pattern = (source) => {
    let re = patterns.get(source);
    if (!re) {
      re = new RegExp(source, 'u');
      patterns.set(source, re);
    }
    return re;
  };

  /** @param {FormSpec} form */
  function prepare(form) {
    /** @type {Map<string, string>} where each envelope field is, for the paths of errors */
    const places = new Map();
    for (const [field, , path] of form.fields) if (path) places.set(field, path);
    if (form.type) places.set(disc, form.type.path);
    const known = new Set([
      ...form.attributes.map((a) => a[0]),
      ...[...places.values()].map((p) => keysOf(p)[0]),
    ]);
    return { form, places, known };
  }

  /** @param {unknown} value @param {readonly string[]} allowed */
  function detect(value, allowed) {
    if (allowed.length === 1) return allowed[0];
    if (!isObject(value)) return allowed.includes(classic) ? classic : undefined;
    if (hasOwn.call(value, disc) && allowed.includes(classic)) return classic;
    for (const form of data.forms) {
      if (!allowed.includes(form.id)) continue;
      if (at(value, keysOf(form.marker)) !== undefined) return form.id;
      if (form.text && typeof at(value, keysOf(form.text)) === 'string') return form.id;
    }
    return undefined;
  }

  /**
   * The errors of a body's value in its form (or the forced one), with the classic event it converts to.
   * @param {unknown} value @param {FormOptions} [options] @returns {FormCheck}
   */
  function check(value, options = {}) {
    const allowed = options.forms ?? ids;
    // The classic form costs one lookup more than the engine alone.
    if (allowed === ids && isObject(value) && hasOwn.call(value, disc)) return checkClassic(value, options);
    for (const id of allowed) {
      if (id !== classic && !byId.has(id))
        throw new TypeError(`not a delivery form: ${id}; forms: ${ids.join(', ')}`);
    }
    const id = detect(value, allowed);
    if (id === undefined) {
      const what = ids
        .filter((f) => allowed.includes(f))
        .map((f) => `${labelOf(f)} (${f === classic ? `/${disc}` : markerOf(f)})`)
        .join(', ');
      const message = `is an event in none of the forms ${what}`;
      return { errors: [{ path: '', keyword: 'form', message }], known: false };
    }
    if (id === classic) return checkClassic(value, options);
    return checkForm(/** @type {ReturnType<typeof prepare>} */ (byId.get(id)), value, options);
  }

  /**
   * A classic body, checked by the engine: its event is the body, or a copy under the name its content
   * says when the engine read it so (statusSlip).
   * @param {unknown} value @param {FormOptions} options @returns {FormCheck}
   */
  function checkClassic(value, options) {
    const checked = validator.check(value, options);
    const event =
      checked.name === undefined ? value : { .../** @type {object} */ (value), [disc]: checked.name };
    return { errors: checked.errors, known: checked.known, form: classic, event, warnings: checked.warnings };
  }

  /** What tells a body of the form, as said in errors. @param {string} id */
  function markerOf(id) {
    const form = byId.get(id)?.form;
    return form?.text ? `${form.text} or ${form.marker}` : (form?.marker ?? '');
  }

  /** @param {string} id */
  function labelOf(id) {
    return id === classic ? data.classic.label : (byId.get(id)?.form.label ?? id);
  }

  /**
   * @param {ReturnType<typeof prepare>} prepared @param {unknown} body @param {FormOptions} options
   * @returns {FormCheck}
   */
  function checkForm(prepared, body, options) {
    const { form } = prepared;
    /** @type {FormError[]} */
    const errors = [];
    const fail = () => ({ errors, known: false, form: form.id });
    let value = body;
    let text = '';
    if (form.text && isObject(body) && at(body, keysOf(form.marker)) === undefined) {
      const inner = at(body, keysOf(form.text));
      if (typeof inner !== 'string') {
        errors.push({ path: form.text, keyword: 'required', message: 'is required (a JSON text)' });
        return fail();
      }
      try {
        value = JSON.parse(inner);
      } catch (error) {
        const message = `is not JSON: ${error instanceof Error ? error.message : String(error)}`;
        errors.push({ path: form.text, keyword: 'json', message });
        return fail();
      }
      text = form.text;
    }
    const where = (/** @type {string} */ path) =>
      /** @type {FormError} */ (text ? { path: `${text}${path}`, text } : { path });
    if (!isObject(value)) {
      errors.push({ ...where(''), keyword: 'type', message: 'must be object' });
      return fail();
    }
    for (const [path, expected] of form.require) {
      const actual = at(value, keysOf(path));
      if (actual !== expected) {
        const message = `must be ${JSON.stringify(expected)}: ${actual === undefined ? 'no' : JSON.stringify(actual)} is not a source of this catalog's events`;
        errors.push({ ...where(path), keyword: 'const', message });
        return fail();
      }
    }
    checkAttributes(prepared, value, options.strict === true, where, errors);
    const event = convert(form, value, options.unknown ?? 'reject', where, errors);
    if (!event) return fail();
    if (event.value === undefined) return { errors, known: false, form: form.id, name: event.name };
    const checked = validator.check(event.value, options);
    for (const e of checked.errors) errors.push({ ...e, ...placeOf(prepared, e.path, where) });
    const warnings = checked.warnings.map((e) => ({ ...e, ...placeOf(prepared, e.path, where) }));
    const converted = checked.name === undefined ? event.value : { ...event.value, [disc]: checked.name };
    return { errors, known: checked.known, form: form.id, event: converted, warnings };
  }

  /**
   * The form's own attributes: their values, required ones present and, when strict, nothing unknown.
   * @param {ReturnType<typeof prepare>} prepared @param {Record<string, unknown>} value @param {boolean} strict
   * @param {(path: string) => FormError} where @param {FormError[]} errors
   */
  function checkAttributes(prepared, value, strict, where, errors) {
    for (const [name, fixed, required] of prepared.form.attributes) {
      const path = `/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (!hasOwn.call(value, name)) {
        if (required) errors.push({ ...where(path), keyword: 'required', message: 'is required' });
      } else if (typeof value[name] !== 'string')
        errors.push({ ...where(path), keyword: 'type', message: 'must be string' });
      else if (fixed && value[name] !== fixed)
        errors.push({ ...where(path), keyword: 'const', message: `must be ${JSON.stringify(fixed)}` });
    }
    if (!strict || prepared.form.attributes.length === 0) return;
    for (const key of Object.keys(value)) {
      if (prepared.known.has(key)) continue;
      const message = 'is not a known field (strict schema)';
      errors.push({
        ...where(`/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`),
        keyword: 'additionalProperties',
        message,
      });
    }
  }

  /**
   * The classic event of a form's object, or undefined (with the errors that say why).
   * @param {FormSpec} form @param {Record<string, unknown>} value @param {'reject' | 'accept'} unknown
   * @param {(path: string) => FormError} where @param {FormError[]} errors
   */
  function convert(form, value, unknown, where, errors) {
    /** @type {Record<string, unknown>} */
    const event = {};
    let name;
    let added = '';
    if (form.type) {
      const named = nameOf(form.type, value, unknown, where, errors);
      if (named === undefined) return undefined;
      if (named.unknown) return { value: undefined, added: '', name: named.name };
      name = named.name;
      added = named.added;
    }
    for (const [field, kind, path, source, fixed] of form.fields) {
      if (kind === 'type') event[field] = name;
      else if (kind === 'value') event[field] = fixed;
      else if (kind === 'level') event[field] = (typeof name === 'string' && data.levels[name]) || fixed;
      else {
        const found = at(value, keysOf(path));
        if (found === undefined) continue;
        if (kind === 'convert' && typeof found === 'string') {
          if (!pattern(source).test(found)) {
            errors.push({ ...where(path), keyword: 'pattern', message: `must match ${source}` });
            return undefined;
          }
          event[field] = CONVERT[/** @type {'basic-iso-8601'} */ (fixed)](found);
        } else event[field] = found;
      }
    }
    const content = data.content;
    if (added && isObject(event[content])) {
      const { [added]: _status, ...rest } = /** @type {Record<string, unknown>} */ (event[content]);
      event[content] = rest;
    }
    return { value: event, added, name };
  }

  /**
   * The notification name of a form that names it by type (and the status in the content).
   * @param {NonNullable<FormSpec['type']>} type @param {Record<string, unknown>} value
   * @param {'reject' | 'accept'} unknown @param {(path: string) => FormError} where @param {FormError[]} errors
   */
  function nameOf(type, value, unknown, where, errors) {
    const t = at(value, keysOf(type.path));
    if (typeof t !== 'string') {
      const missing = t === undefined;
      errors.push({
        ...where(type.path),
        keyword: missing ? 'required' : 'type',
        message: missing ? 'is required' : 'must be string',
      });
      return undefined;
    }
    const entry = hasOwn.call(type.types, t) ? type.types[t] : undefined;
    if (entry === undefined) {
      if (unknown === 'accept' && t.startsWith(type.prefix))
        return { name: t.slice(type.prefix.length), added: '' };
      errors.push({ ...where(type.path), keyword: 'enum', message: 'is not a known notification type' });
      return t.startsWith(type.prefix)
        ? { name: t.slice(type.prefix.length), added: '', unknown: true }
        : undefined;
    }
    if (typeof entry === 'string') return { name: entry, added: '' };
    const status = at(value, keysOf(type.status));
    if (typeof status === 'string' && hasOwn.call(entry, status))
      return {
        name: /** @type {string} */ (entry[status]),
        added: type.adds.includes(t) ? type.statusField : '',
      };
    const missing = status === undefined;
    const message = missing
      ? 'is required'
      : `must be one of ${Object.keys(entry)
          .map((s) => JSON.stringify(s))
          .join(', ')}`;
    errors.push({ ...where(type.status), keyword: missing ? 'required' : 'enum', message });
    return undefined;
  }

  /**
   * Where an error of the classic event is in the body: the form's place of its envelope field.
   * @param {ReturnType<typeof prepare>} prepared @param {string} path @param {(path: string) => FormError} where
   */
  function placeOf(prepared, path, where) {
    const key = path.slice(1).split('/')[0] ?? '';
    const field = key.replace(/~1/g, '/').replace(/~0/g, '~');
    const place = prepared.places.get(field);
    return where(place === undefined ? path : `${place}${path.slice(key.length + 1)}`);
  }

  /** @param {unknown} input @param {FormOptions} [options] */
  function parse(input, options = {}) {
    const body = validator.read(input);
    if (body.errors) return { ok: false, errors: body.errors };
    const checked = check(body.value, options);
    if (checked.errors.length > 0) return { ok: false, form: checked.form, errors: checked.errors };
    const { form, known, event, warnings } = checked;
    if (warnings && warnings.length > 0) return { ok: true, form, known, event, raw: body.value, warnings };
    return { ok: true, form, known, event, raw: body.value };
  }

  /**
   * What `validate` checks each payload with (both command lines): the reader, restricted to `only` when
   * given, with the labels of the forms other than the classic one for the text reports.
   * @param {readonly string[]} [only]
   */
  function checker(only) {
    return {
      discriminator: disc,
      check: only
        ? (/** @type {unknown} */ value, /** @type {FormOptions} */ options = {}) =>
            check(value, { ...options, forms: only })
        : check,
      /** @param {string} id */
      labelOf: (id) => (id === classic ? undefined : labelOf(id)),
    };
  }

  return {
    /** The ids of the forms, the classic one first. */
    forms: ids,
    checker,
    labelOf,
    /** @param {unknown} value @param {FormOptions} [options] */
    check,
    parse,
  };
}
