/**
 * The generated package as a consumer installs it: packed with npm, installed from the tarball into a copy
 * of test/consumer under a temporary folder (once per test process), with the consumer's cases, the code of
 * the "Handling events" pages and the libraries that code uses.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as assert from 'uvu/assert';
import { GENERATED_DIR, ROOT, realOutput, tempDir } from './helpers.js';

const { catalog } = await realOutput();

interface Case {
  id: string;
  input: unknown;
  text?: string;
  strict?: boolean;
  unknown?: 'accept';
  expected: { ok: boolean; known?: boolean; name?: string; errors?: string[] };
}

export function cases(): Case[] {
  const out: Case[] = catalog.examples.map((e) => ({
    id: e.id,
    input: e.value,
    expected: e.expect.valid
      ? { ok: true, known: true, name: e.notification }
      : { ok: false, errors: e.expect.errors.map((x) => `${x.path} ${x.keyword}`).sort() },
  }));
  const base = structuredClone(
    catalog.examples.find((e) => e.id === 'state-change-running')?.value,
  ) as Record<string, unknown>;
  const mutate = (
    id: string,
    change: (e: Record<string, unknown> & { content: Record<string, unknown> }) => void,
    expected: Case['expected'],
    extra: Partial<Case> = {},
  ) => {
    const event = structuredClone(base) as Record<string, unknown> & { content: Record<string, unknown> };
    change(event);
    out.push({ id, input: event, expected, ...extra });
  };
  mutate('wrong-state', (e) => (e.content.state = 'Exploded'), {
    ok: false,
    errors: ['/content/state enum'],
  });
  mutate('missing-region', (e) => delete e.regionId, { ok: false, errors: ['/regionId required'] });
  mutate('numeric-time', (e) => (e.eventTime = 20190409), { ok: false, errors: ['/eventTime type'] });
  mutate('extra-field', (e) => (e.content.zoneId = 'cn-hangzhou-h'), {
    ok: true,
    known: true,
    name: 'Instance:StateChange',
  });
  mutate(
    'extra-field-strict',
    (e) => (e.content.zoneId = 'cn-hangzhou-h'),
    { ok: false, errors: ['/content/zoneId additionalProperties'] },
    { strict: true },
  );
  mutate('unknown-name', (e) => (e.name = 'Instance:SomethingNew'), { ok: false, errors: ['/name enum'] });
  mutate(
    'unknown-name-accepted',
    (e) => (e.name = 'Instance:SomethingNew'),
    { ok: true, known: false, name: 'Instance:SomethingNew' },
    { unknown: 'accept' },
  );
  out.push({
    id: 'text',
    input: null,
    text: JSON.stringify(base),
    expected: { ok: true, known: true, name: 'Instance:StateChange' },
  });
  out.push({ id: 'malformed', input: null, text: '{"name": ', expected: { ok: false, errors: [' json'] } });
  out.push({ id: 'not-an-object', input: [1, 2], expected: { ok: false, errors: [' type'] } });
  return out;
}

let consumer: string | undefined;

/** Packs generated/, installs the tarball into a copy of test/consumer and returns its folder. */
export function installConsumer(): string {
  if (consumer) return consumer;
  const root = tempDir();
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', root], {
      cwd: GENERATED_DIR,
      encoding: 'utf8',
    }),
  ) as { filename: string; files: { path: string }[] }[];
  const tarball = join(root, packed[0]?.filename ?? '');
  const files = (packed[0]?.files ?? []).map((f) => f.path);
  assert.ok(
    files.includes('runtime/index.js') &&
      files.includes('types/index.d.ts') &&
      files.includes('package.json'),
  );
  assert.ok(files.includes('schemas/events.schema.json') && files.includes('README.md'));
  assert.not.ok(files.includes('.generated'), 'the marker file is not packed');
  const dir = join(root, 'consumer');
  cpSync(join(ROOT, 'test', 'consumer'), dir, { recursive: true });
  const source = `export const cases: { id: string; input: unknown; text?: string; strict?: boolean; unknown?: 'accept'; expected: unknown }[] = ${JSON.stringify(cases())};\n`;
  writeFileSync(join(dir, 'src', 'cases.ts'), source);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', '--no-package-lock', tarball], {
    cwd: dir,
    stdio: 'pipe',
  });
  // The libraries that the consumer plugs the package into: this repository's own copies.
  for (const name of LIBRARIES) {
    mkdirSync(dirname(join(dir, 'node_modules', name)), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', name), join(dir, 'node_modules', name), 'dir');
  }
  for (const [path, code] of docsFiles()) {
    mkdirSync(dirname(join(dir, 'src', path)), { recursive: true });
    writeFileSync(join(dir, 'src', path), code);
  }
  consumer = dir;
  return dir;
}

const LIBRARIES = ['@standard-schema/spec', 'hono', '@hono/standard-validator', 'ajv', '@types/node'];

/** The TypeScript blocks of each locale's "Handling events" page, by the file name each opens with. */
function docsFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const locale of ['', 'zh/']) {
    const page = readFileSync(join(GENERATED_DIR, 'docs', `${locale}handling-events.md`), 'utf8');
    for (const [, code] of page.matchAll(/^```ts\n([\s\S]*?)^```$/gm)) {
      const file = /^\/\/ ([\w.-]+\.ts)\n/.exec(code ?? '')?.[1];
      assert.ok(file, `a block of ${locale}handling-events.md names its file`);
      files.set(`docs/${locale || 'en/'}${file}`, code ?? '');
    }
  }
  return files;
}
