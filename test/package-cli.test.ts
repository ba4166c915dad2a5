/**
 * The command line that ships in the package, run as a consumer runs it: `npx ecs-events validate …` in a
 * project that installed the packed tarball, no spec anywhere near it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { installConsumer } from './consumer-install.js';
import { realOutput } from './helpers.js';

const { catalog } = await realOutput();
const example = (id: string) => {
  const found = catalog.examples.find((e) => e.id === id);
  assert.ok(found, id);
  return structuredClone(found.value) as Record<string, unknown> & { content: Record<string, unknown> };
};
const scheduled = example('system-maintenance-reboot-scheduled');

/** Runs `npx ecs-events …` in the consumer project, through a shell when the line has a pipe. */
function npx(args: string, input?: string) {
  const dir = installConsumer();
  const run = spawnSync('sh', ['-c', `npx --no-install ecs-events ${args}`], {
    cwd: dir,
    encoding: 'utf8',
    ...(input === undefined ? {} : { input }),
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

function payload(name: string, value: unknown): string {
  const dir = join(installConsumer(), 'payloads');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return `payloads/${name}`;
}

test('npx ecs-events validate: a valid payload is OK, exit 0, from the package alone', () => {
  const run = npx(`validate ${payload('ok.json', scheduled)}`);
  assert.is(run.code, 0, run.err);
  assert.match(run.out, `payloads/ok.json:1: OK ${scheduled.name}`);
  assert.match(run.out, /1 event: 1 valid, 0 invalid/);
});

test('a bad time names the format and shows the value; a near-miss name and value get a "did you mean"', () => {
  const badTime = { ...scheduled, content: { ...scheduled.content, notBefore: '2019-04-12 01:01:01' } };
  const time = npx(`validate ${payload('bad-time.json', badTime)}`);
  assert.is(time.code, 1);
  assert.match(
    time.out,
    '/content/notBefore: "2019-04-12 01:01:01" is not in the format "RFC 3339 date-time in UTC (Z)", e.g. ',
  );
  const near = npx(
    `validate ${payload('near.json', { ...scheduled, name: 'Instance:SystemMaintenance.Reboot:Schedule' })}`,
  );
  assert.is(near.code, 1);
  assert.match(near.out, 'did you mean "Instance:SystemMaintenance.Reboot:Scheduled"?');
  const field = { ...scheduled, content: { ...scheduled.content, notBefor: scheduled.content.notBefore } };
  const typo = npx(`validate --json ${payload('typo.json', field)}`);
  const report = JSON.parse(typo.out.split('\n')[0] ?? '');
  // Missing notBefore fails the event; the near miss says which field was meant.
  assert.equal(report.warnings, [
    {
      path: '/content/notBefor',
      keyword: 'additionalProperties',
      message: 'is not a known field; did you mean "notBefore"? (accepted; strict mode rejects it)',
    },
  ]);
});

test('a typo in an optional field passes with a warning and the hint for strict mode; --strict rejects it', () => {
  const extra = { ...scheduled, regionID: scheduled.regionId };
  const lenient = npx(`validate ${payload('extra.json', extra)}`);
  assert.is(lenient.code, 0, lenient.out);
  assert.match(lenient.out, '  warning /regionID: is not a known field; did you mean "regionId"?');
  assert.match(lenient.out, '--strict rejects unknown fields');
  const strict = npx(`validate --strict ${payload('extra.json', extra)}`);
  assert.is(strict.code, 1);
  assert.match(
    strict.out,
    '/regionID: is not a known field (strict schema); did you mean "regionId"? (additionalProperties)',
  );
});

test('stdin, NDJSON and globs; a reader that goes away ends the command quietly', () => {
  const lines = Array.from({ length: 3000 }, () => JSON.stringify(scheduled)).join('\n');
  const piped = npx('validate -', `${lines}\n`);
  assert.is(piped.code, 0, piped.err);
  assert.match(piped.out, /3000 events: 3000 valid/);
  payload('many.ndjson', `${lines}\n`);
  const globbed = npx(`validate --json 'payloads/ok.*' 'payloads/m*.ndjson'`);
  assert.match(globbed.out, /"total":3001/);
  const head = npx(`validate --json payloads/many.ndjson | head -1; echo "exit $?"`);
  assert.is(head.err, '', 'no stack trace');
  assert.match(head.out, /^\{"source":"payloads\/many.ndjson","line":1,"status":"valid"/);
});

test('usage errors are exit 2 with one line and the help hint', () => {
  for (const [args, message] of [
    ['validate payloads/none.json', 'cannot read payloads/none.json: no such file'],
    ['validate', 'validate needs at least one file'],
    ["validate 'payloads/*.nothing'", 'no file matches payloads/*.nothing'],
    ['frobnicate', 'unknown command "frobnicate"'],
    ['validate --bogus x', "Unknown option '--bogus'"],
  ]) {
    const run = npx(args ?? '');
    assert.is(run.code, 2, args);
    assert.match(run.err, `ecs-events: ${message}`);
    assert.match(run.err, 'Run "ecs-events --help" for usage.');
  }
  const help = npx('--help');
  assert.is(help.code, 0);
  assert.match(help.out, /^Usage: ecs-events validate/);
  assert.is(npx('--version').out.trim(), catalog.version);
});

test('the opt-ins: --follow-content-status reads a slipped name as its content says, --reject-masked rejects masks', () => {
  const avoided = catalog.examples.find((e) => e.id === 'system-maintenance-reboot-avoided');
  assert.ok(avoided && !avoided.expect.valid, 'the documented Avoided example keeps the Scheduled name');
  const file = payload('avoided.json', avoided.value);
  assert.is(npx(`validate ${file}`).code, 1);
  const followed = npx(`validate --follow-content-status ${file}`);
  assert.is(followed.code, 0, followed.out);
  assert.match(followed.out, 'OK Instance:SystemMaintenance.Reboot:Avoided');
  assert.match(followed.out, 'warning /name: names the status "Scheduled", its content says "Avoided"');
  const masked = npx(`validate --reject-masked ${payload('ok.json', scheduled)}`);
  assert.is(masked.code, 1);
  assert.match(masked.out, /\/content\/instanceId: "i-bp1ecr\*+5go2go" is masked \(\*\)/);
});

test.run();
