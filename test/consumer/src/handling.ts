// A consumer of the packed package handling events: the StandardSchemaV1 objects assigned to the published
// interface and to the package's copy of it, the router's handler types, its checks, what it returns, and
// bodies as bytes. Each line marked as an expected error is what must not compile.
import type { StandardSchemaV1 as Published } from '@standard-schema/spec';
import {
  createEcsEventRouter,
  type EcsDiskEvent,
  type EcsEvent,
  type EcsEventOf,
  ecsEventSchema,
  ecsEventSchemas,
  parseEcsEvent,
  type StandardSchemaV1,
  type SystemEvent,
  type UnknownEcsEvent,
} from 'ecs-events';
import { type Equals, expectType } from './types.js';

export const any: Published<unknown, EcsEvent> = ecsEventSchema;
export const anyCopy: StandardSchemaV1<unknown, EcsEvent> = ecsEventSchema;
export const one: Published<unknown, EcsEventOf<'Instance:StateChange'>> = ecsEventSchemas[
  'Instance:StateChange'
];
// @ts-expect-error the schema of another name gives another event
export const other: Published<unknown, EcsEventOf<'Instance:StateChange'>> = ecsEventSchemas[
  'Disk:Stalled:Executed'
];
expectType<Equals<Published.InferOutput<typeof ecsEventSchema>, EcsEvent>>();

export const route = createEcsEventRouter(
  {
    'Instance:PreemptibleInstanceInterruption': (event) => {
      expectType<Equals<typeof event, EcsEventOf<'Instance:PreemptibleInstanceInterruption'>>>();
      // @ts-expect-error a preemptible interruption has no state: only a state change does
      event.content.state;
      return event.content.instanceId;
    },
    'Instance:StateChange': async (event) => event.content.state,
  },
  {
    families: { 'system-event': (event) => expectType<Equals<typeof event, SystemEvent>>() },
    resourceTypes: { disk: (event) => expectType<Equals<typeof event, EcsDiskEvent>>() },
    invalid: (errors) => errors.length,
    unknown: (event) => {
      expectType<Equals<typeof event, UnknownEcsEvent>>();
      return null;
    },
  },
);
type StateOf<N extends 'Instance:StateChange'> = EcsEventOf<N>['content']['state'];
expectType<
  Equals<
    ReturnType<typeof route>,
    string | Promise<StateOf<'Instance:StateChange'>> | true | number | null | undefined
  >
>();

// @ts-expect-error a misspelled name is not a notification name
createEcsEventRouter({ 'Instance:StateChnage': () => 1 });

// @ts-expect-error exhaustive: the notifications without a handler are missing
createEcsEventRouter({ 'Instance:StateChange': () => 1 }, { exhaustive: true });

export const everything = createEcsEventRouter(
  { 'Instance:StateChange': () => 1 as const },
  {
    exhaustive: true,
    resourceTypes: { disk: () => 2 as const, instance: () => 3 as const, snapshot: () => 4 as const },
  },
);
expectType<Equals<ReturnType<typeof everything>, 1 | 2 | 3 | 4>>();

export const named = createEcsEventRouter({ '*': (event) => event.name });
expectType<Equals<ReturnType<typeof named>, EcsEvent['name']>>();

export function fromBytes(buffer: Uint8Array): EcsEvent | undefined {
  const parsed = parseEcsEvent(buffer);
  return parsed.ok ? parsed.event : undefined;
}
