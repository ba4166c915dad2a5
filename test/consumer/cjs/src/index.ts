// A CommonJS consumer of the packed package (its package.json says so): TypeScript compiles these imports
// to require() calls, which Node.js answers with the package's ES module.
import { createEcsEventRouter, ECS_EVENT_NAMES, type EcsEvent, parseEcsEvent } from 'ecs-events';

import ecs = require('ecs-events');

// The one thing of Node.js this needs, declared here: the consumer is type-checked without @types/node.
declare const process: { readonly argv: readonly string[] };

export function nameOf(body: Uint8Array): EcsEvent['name'] | undefined {
  const parsed = parseEcsEvent(body);
  return parsed.ok ? parsed.event.name : undefined;
}

const route = createEcsEventRouter({ '*': (event) => event.name });
console.log(
  JSON.stringify({
    names: ECS_EVENT_NAMES.length,
    same: ecs.parseEcsEvent === parseEcsEvent,
    routed: route(process.argv[2] ?? ''),
  }),
);
