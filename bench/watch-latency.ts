/**
 * `npm run bench:watch`: how long `ecs-events generate --watch` takes from saving a spec file to having
 * written the regenerated output, for the real catalog (median of several saves, one process).
 * Usage: node --import tsx bench/watch-latency.ts [saves]
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './synthesize.js';

const saves = Number(process.argv[2] ?? 9);
const dir = mkdtempSync(join(tmpdir(), 'ecs-watch-bench-'));
const spec = join(dir, 'spec');
cpSync(join(ROOT, 'spec'), spec, { recursive: true });
const file = join(spec, 'families', 'state-change.yaml');
const original = readFileSync(file, 'utf8');
const child = spawn(process.execPath, [
  join(ROOT, 'dist/generator/cli/main.js'),
  'generate',
  '--watch',
  '--spec',
  spec,
  '--out',
  join(dir, 'out'),
]);
let pending: ((line: string) => void) | undefined;
let buffer = '';
child.stdout.on('data', (chunk: Buffer) => {
  buffer += chunk.toString();
  let end = buffer.indexOf('\n');
  while (end >= 0) {
    const line = buffer.slice(0, end);
    buffer = buffer.slice(end + 1);
    if (/ written, /.test(line)) pending?.(line);
    end = buffer.indexOf('\n');
  }
});
const nextRun = () => new Promise<string>((resolve) => (pending = resolve));

await nextRun();
const latencies: number[] = [];
for (let i = 1; i <= saves; i++) {
  await new Promise((r) => setTimeout(r, 300));
  const done = nextRun();
  const started = performance.now();
  writeFileSync(file, original.replace('en: Instance state change', `en: Instance state change ${i}`));
  await done;
  latencies.push(performance.now() - started);
}
child.kill('SIGINT');
rmSync(dir, { recursive: true, force: true });
latencies.sort((a, b) => a - b);
const median = latencies[Math.floor(latencies.length / 2)] ?? 0;
console.log(
  `watch: save → written, real catalog: median ${median.toFixed(0)} ms over ${saves} saves (min ${latencies[0]?.toFixed(0)}, max ${latencies.at(-1)?.toFixed(0)}); goal 300 ms`,
);
