// A consumer of the packed package: narrowing on each name gives the exact content type, and each line
// marked as an expected error is what must not compile. Type-checked under node16 and bundler resolution.
import type {
  EcsEvent,
  EcsEventMap,
  EcsEventName,
  EcsEventOf,
  PreemptibleInterruption,
  StateChange,
  SystemEvent,
  SystemEventName,
  UnknownEcsEvent,
} from 'ecs-events';

export type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
export function expectType<T extends true>(): T | undefined {
  return undefined;
}

export function describe(event: EcsEvent): string {
  switch (event.name) {
    case 'Instance:StateChange':
      expectType<
        Equals<
          typeof event.content.state,
          'Pending' | 'Created' | 'Starting' | 'Running' | 'Stopping' | 'Stopped' | 'Deleted'
        >
      >();
      expectType<Equals<typeof event.content.resourceType, 'ALIYUN::ECS::Instance'>>();
      return event.content.state;
    case 'Instance:SystemMaintenance.Reboot:Scheduled':
      expectType<Equals<typeof event.content.notBefore, string>>();
      expectType<Equals<typeof event.content.eventType, 'SystemMaintenance.Reboot'>>();
      expectType<Equals<typeof event.content.eventStatus, 'Scheduled'>>();
      // @ts-expect-error a Scheduled event never has executeStartTime
      event.content.executeStartTime;
      return event.content.notBefore;
    case 'Instance:SystemMaintenance.Reboot:Executed':
      expectType<Equals<typeof event.content.executeStartTime, string | undefined>>();
      // Only the Scheduled event of a maintenance is documented with notBefore: elsewhere it may be missing.
      expectType<Equals<typeof event.content.notBefore, string | undefined>>();
      return event.content.notBefore ?? event.content.eventId;
    case 'Instance:SystemFailure.Reboot:Executing':
      // @ts-expect-error a failure event has no notBefore
      event.content.notBefore;
      expectType<Equals<typeof event.content.eventStatus, 'Executing'>>();
      return event.content.eventId;
    case 'Instance:PreemptibleInstanceInterruption':
      expectType<Equals<typeof event.content.action, 'delete'>>();
      return event.content.instanceId;
    case 'Instance:LiveMigrationAcrossDDH':
      expectType<Equals<typeof event.content.status, 'started' | 'failed' | 'accomplished'>>();
      expectType<Equals<typeof event.content.endTime, string | undefined>>();
      return event.content.status;
    case 'Instance:PerformanceModeChange':
      expectType<Equals<typeof event.content.creditSpecification, 'Standard' | 'Unlimited'>>();
      return event.content.operator;
    case 'Instance:BurstablePerformanceRestricted':
      return event.content.intervalStart;
    default:
      return event.name;
  }
}

export function exhaustive(event: StateChange | PreemptibleInterruption): string {
  switch (event.name) {
    case 'Instance:StateChange':
      return event.content.state;
    default: {
      // @ts-expect-error the preemptible case is missing, so the switch is not exhaustive
      const unreachable: never = event;
      return String(unreachable);
    }
  }
}

export function complete(event: StateChange | PreemptibleInterruption): string {
  switch (event.name) {
    case 'Instance:StateChange':
      return event.content.state;
    case 'Instance:PreemptibleInstanceInterruption':
      return event.content.action;
    default: {
      const unreachable: never = event;
      return String(unreachable);
    }
  }
}

// @ts-expect-error a misspelled name is not a notification name
export type Misspelled = EcsEventOf<'Instance:StateChnage'>;

type ScheduledStatus = EcsEventOf<'Instance:SystemMaintenance.Reboot:Scheduled'>['content']['eventStatus'];
// @ts-expect-error the status literal of this name is Scheduled
export const status: ScheduledStatus = 'Executed';

export const names: SystemEventName[] = ['Instance:SystemFailure.Delete:Avoided'];
// @ts-expect-error a state-change name is not a system-event name
export const wrongFamily: SystemEventName = 'Instance:StateChange';

expectType<Equals<EcsEventMap['Instance:StateChange'], StateChange>>();
expectType<
  Equals<
    Extract<EcsEvent, { name: 'Instance:SystemFailure.Delete:Executed' }>,
    EcsEventOf<'Instance:SystemFailure.Delete:Executed'>
  >
>();
expectType<Equals<SystemEvent['name'], SystemEventName>>();
expectType<Equals<EcsEventName, EcsEvent['name']>>();

export function unknownIsSeparate(event: EcsEvent | UnknownEcsEvent, known: boolean): string {
  if (!known) return (event as UnknownEcsEvent).name;
  return event.name;
}
