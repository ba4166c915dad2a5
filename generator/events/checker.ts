/**
 * The checker of `ecs-events validate`, on the main thread and in the split's worker alike: the package's
 * engine behind the delivery forms' reader, so that each payload is read in its form (or the one forced).
 */
import { createValidator } from './engine.js';
import { createFormReader } from './forms.js';
import type { EventChecker } from './inputs.js';

/** What the command caches of the catalog and hands to the worker. */
export interface CheckerData {
  readonly engine: unknown;
  readonly forms: unknown;
  /** The one form every payload is read in (--form), when forced. */
  readonly only?: readonly string[];
}

/** The checker of a catalog's data; throws a TypeError naming the forms when `only` names none of them. */
export function createChecker(data: CheckerData): EventChecker {
  const engine = createValidator(data.engine as Parameters<typeof createValidator>[0]);
  const reader = createFormReader(engine, data.forms as Parameters<typeof createFormReader>[1]);
  const only = data.only;
  for (const form of only ?? [])
    if (!reader.forms.includes(form))
      throw new TypeError(`unknown form ${form}; the catalog's forms: ${reader.forms.join(', ')}`);
  return reader.checker(only);
}
