/**
 * Speed-ups that the bench turns off one at a time, to measure what each one pays (`bench/NOTES.md`):
 * `ECS_EVENTS_OFF=write-worker,json-chunks` runs the toolkit without them. Output never depends on a switch;
 * only time and memory do. Not a user setting: the CLI neither documents nor needs it.
 */
export const SPEED_UPS = ['write-worker', 'json-chunks', 'subset-reader'] as const;
export type SpeedUp = (typeof SPEED_UPS)[number];

let off: ReadonlySet<string> | undefined;

/** Whether the bench turned `speedUp` off for this process. */
export function isOff(speedUp: SpeedUp): boolean {
  off ??= new Set(
    (process.env.ECS_EVENTS_OFF ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  return off.has(speedUp);
}
