// Runs the package's validators on the events of cases.ts (written by the test) and prints one JSON line
// per event.
import {
  ECS_EVENT_NAMES,
  isEcsEvent,
  isEcsEventName,
  parseEcsEvent,
  SYSTEM_EVENT_NAMES,
  validateEcsEvent,
} from 'ecs-events';

import { cases } from './cases.js';

for (const c of cases) {
  const input = c.text ?? c.input;
  const result =
    c.unknown === 'accept'
      ? parseEcsEvent(input, { unknown: 'accept', ...(c.strict ? { strict: true } : {}) })
      : parseEcsEvent(input, c.strict ? { strict: true } : {});
  const line = result.ok
    ? { id: c.id, ok: true, known: result.known, name: result.event.name }
    : { id: c.id, ok: false, errors: result.errors.map((e) => `${e.path} ${e.keyword}`).sort() };
  const guard = c.text === undefined && !c.strict ? isEcsEvent(c.input) : undefined;
  console.log(
    JSON.stringify({
      ...line,
      guard,
      validate:
        c.text === undefined ? validateEcsEvent(c.input, c.strict ? { strict: true } : {}).length : undefined,
    }),
  );
}
console.log(
  JSON.stringify({
    names: ECS_EVENT_NAMES.length,
    system: SYSTEM_EVENT_NAMES.length,
    isName: [isEcsEventName('Instance:StateChange'), isEcsEventName('Instance:Nope'), isEcsEventName(42)],
    frozen: Object.isFrozen(ECS_EVENT_NAMES),
  }),
);
