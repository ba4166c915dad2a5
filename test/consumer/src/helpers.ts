// The helpers from the catalog, as a handler uses them: a guard narrows EcsEvent to a family, a category,
// a resource type or a status with one call; the maintenance union reads notBefore without listing names;
// the subject accessor gives the resource whichever field holds it. Type-checked, then run by the test on
// every valid fixture (it prints one JSON line per event).
import {
  type EcsEvent,
  type EcsEventsByCategory,
  type EcsEventsByStatus,
  ecsEventSubject,
  isEcsEventInCategory,
  isEcsEventInFamily,
  isEcsEventOfResourceType,
  isEcsEventWithStatus,
  parseEcsEvent,
} from 'ecs-events';
import { fixtures, readFixture, readSidecar } from 'ecs-events/fixtures/index.js';
import type { Equals } from './types.js';
import { expectType } from './types.js';

/** What a maintenance handler reads, from the union of the category, without one name in sight. */
export function scheduledTime(event: EcsEventsByCategory['Maintenance']): string | undefined {
  expectType<Equals<typeof event.content.notBefore, string | undefined>>();
  return event.content.notBefore;
}

export function readScheduled(event: EcsEventsByStatus['Scheduled']): string {
  return event.content.eventStatus;
}

export function summary(event: EcsEvent) {
  const out: Record<string, unknown> = { name: event.name, subject: ecsEventSubject(event) };
  if (isEcsEventInFamily(event, 'system-event')) {
    type Status = 'Scheduled' | 'Inquiring' | 'Executing' | 'Executed' | 'Avoided' | 'Canceled' | 'Failed';
    expectType<Equals<typeof event.content.eventStatus, Status>>();
    out.eventStatus = event.content.eventStatus;
  }
  if (isEcsEventInCategory(event, 'Maintenance')) out.notBefore = scheduledTime(event) ?? null;
  if (isEcsEventOfResourceType(event, 'disk')) out.disk = event.content.diskId;
  if (isEcsEventWithStatus(event, 'Scheduled')) out.scheduled = readScheduled(event);
  // @ts-expect-error a family id the catalog does not have
  isEcsEventInFamily(event, 'no-such-family');
  return out;
}

// The fixtures, typed by the package's index: every valid one summarised, every invalid one checked
// against its declared errors.
for (const entry of fixtures) {
  if (entry.kind === 'valid') {
    const event: EcsEvent = readFixture(entry);
    console.log(JSON.stringify({ path: entry.path, ...summary(event) }));
  } else if (entry.kind === 'invalid') {
    const parsed = parseEcsEvent(readFixture(entry), { strict: entry.strict });
    const got = parsed.ok ? [] : parsed.errors.map((e) => `${e.path} ${e.keyword}`);
    const want = entry.errors.map((e) => `${e.path} ${e.keyword}`);
    const agrees = JSON.stringify(got) === JSON.stringify(want) && readSidecar(entry).rule === entry.rule;
    console.log(JSON.stringify({ path: entry.path, index: entry.index, agrees }));
  }
}
