// The EventBridge form as consumers type it: each notification's event narrows on its type and the status
// in data, the conversion gives the classic event of the same name, and parsing reports the form.
import {
  type EcsEventBridgeEvent,
  type EcsEventBridgeEventMap,
  type EcsEventBridgeType,
  type EcsEventForm,
  type EcsEventOf,
  ecsEventBridgeToClassic,
  parseEcsEvent,
} from 'ecs-events';
import { type Equals, expectType } from './types.js';

export function onEventBridge(event: EcsEventBridgeEvent): string {
  expectType<Equals<typeof event.specversion, '1.0'>>();
  if (event.type === 'ecs:Instance:SystemMaintenance.Reboot') {
    // One type, every status: the classic events of each.
    const classic = ecsEventBridgeToClassic(event);
    expectType<
      Equals<typeof classic.name, `Instance:SystemMaintenance.Reboot:${typeof event.data.eventStatus}`>
    >();
  }
  if (event.type === 'ecs:Disk:Stalled')
    expectType<Equals<typeof event.data.eventStatus, 'Executing' | 'Executed'>>();
  if (event.type === 'ecs:Instance:StateChange') {
    // @ts-expect-error: a state change has no status
    event.data.eventStatus;
    return event.data.state;
  }
  return event.type;
}

export function scheduled(event: EcsEventBridgeEventMap['Instance:SystemMaintenance.Reboot:Scheduled']) {
  const classic = ecsEventBridgeToClassic(event);
  expectType<Equals<typeof classic, EcsEventOf<'Instance:SystemMaintenance.Reboot:Scheduled'>>>();
  return classic.content.notBefore;
}

// @ts-expect-error: not a type of the catalog
export const notAType: EcsEventBridgeType = 'ecs:Instance:VSwitchChanged';

export function formOf(body: string): EcsEventForm | undefined {
  const parsed = parseEcsEvent(body);
  return parsed.ok ? parsed.form : parsed.form;
}
