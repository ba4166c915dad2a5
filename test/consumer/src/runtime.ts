// Runs what the package offers to handlers of events on the first valid event of cases.ts (written by the
// test): bodies as bytes, the StandardSchemaV1 objects, and a router; prints one JSON line.
import {
  createEcsEventRouter,
  EcsEventRouterError,
  ecsEventSchema,
  ecsEventSchemas,
  parseEcsEvent,
} from 'ecs-events';
import { cases } from './cases.js';

const event = cases.find((c) => c.id === 'state-change-running')?.input as { name: string; content: object };
const text = JSON.stringify(event);
const bytes = new TextEncoder().encode(`\uFEFF${text}`);
const broken = { ...event, content: { ...event.content, state: 'Exploded' } };
const validated = ecsEventSchema['~standard'].validate(event);
const rejected = ecsEventSchema['~standard'].validate(broken);
const byName = ecsEventSchemas['Instance:PreemptibleInstanceInterruption']['~standard'].validate(event);
const route = createEcsEventRouter({ 'Instance:StateChange': (e) => `handled ${e.content.state}` });
let thrown: unknown;
try {
  route('{"name": ');
} catch (error) {
  thrown = error;
}
const parsed = parseEcsEvent(bytes);
console.log(
  JSON.stringify({
    bytes: parsed.ok && parsed.event.name,
    malformed:
      JSON.stringify(parseEcsEvent(new TextEncoder().encode('{"a": 1,}'))) ===
      JSON.stringify(parseEcsEvent('{"a": 1,}')),
    valid: 'value' in validated && validated.value === event,
    invalid: 'issues' in rejected ? rejected.issues : undefined,
    otherName: 'issues' in byName ? byName.issues?.[0] : undefined,
    routed: [route(text), route(bytes), route(event)],
    thrown: thrown instanceof EcsEventRouterError && [thrown.name, thrown.reason, thrown.errors[0]?.keyword],
  }),
);
