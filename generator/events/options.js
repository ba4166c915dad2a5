// @ts-check
/**
 * The options of `validate`, declared once for the two command lines that have it: the repository's and
 * the one that ships in the package (runtime/options.js).
 */

export const VALIDATE_OPTIONS = /** @type {const} */ ({
  strict: { type: 'boolean', help: 'Reject fields the catalog does not list (use it in tests and CI)' },
  json: { type: 'boolean', help: 'One JSON object per event (NDJSON) instead of text' },
  'reject-masked': {
    type: 'boolean',
    help: "Reject masked identifiers (i-bp1ecr****), as the documents' examples have",
  },
  'follow-content-status': {
    type: 'boolean',
    help: 'Read an event whose name keeps an earlier status under the status its content says',
  },
  form: {
    type: 'string',
    value: 'FORM',
    help: "Read every payload in this delivery form (classic or one of the catalog's deliveries)",
  },
});

/**
 * The engine's options from the parsed command line.
 * @param {{ strict?: boolean, 'reject-masked'?: boolean, 'follow-content-status'?: boolean }} values
 */
export function checkOptionsOf(values) {
  return {
    strict: values.strict === true,
    ...(values['reject-masked'] ? { masked: 'reject' } : {}),
    ...(values['follow-content-status'] ? { statusSlip: 'follow-content' } : {}),
  };
}
