/**
 * The "Using the schemas from other languages" page: its commands run as they are shown (quicktype's own
 * command line over the installed package, then Go's build), and its Python validator gives every fixture
 * its verdict. Only the install lines (npm, pip) are left out: the test has what they install.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { shellWord } from '../generator/emit/shared/shell-escape.js';
import { goCommand, pythonCommand } from './codegen-helpers.js';
import { GENERATED_DIR, ROOT, realOutput, tempDir } from './helpers.js';

const { catalog, files } = await realOutput();
const page = (locale: string) => files.get(`docs/${locale}other-languages.md`) ?? '';

/** The fenced blocks of a page in `language`, in order. */
function fences(text: string, language: string): string[] {
  return [...text.matchAll(new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)\\n\`\`\`$`, 'gm'))].map(
    (m) => m[1] as string,
  );
}

/** A folder where the package is installed (the generated one, linked), as the page's commands expect. */
function project(): string {
  const dir = tempDir('ecs-events-languages-');
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(GENERATED_DIR, join(dir, 'node_modules', catalog.package.name));
  return dir;
}

/** A block of shell commands as the page shows it, without its install lines, quicktype the local one. */
function runCommands(block: string, cwd: string, go?: string): void {
  const script = block
    .split('\n')
    .filter((line) => !/^(npm|pip) install /.test(line))
    .join('\n')
    .replaceAll('npx quicktype ', `${JSON.stringify(join(ROOT, 'node_modules', '.bin', 'quicktype'))} `);
  const path = [join(ROOT, 'node_modules', '.bin'), ...(go ? [join(go, '..')] : []), process.env.PATH].join(
    ':',
  );
  execFileSync('sh', ['-e', '-c', script], {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, PATH: path, GOPROXY: 'off', GOFLAGS: '-mod=mod' },
  });
}

test('the page is in both locales and its navigation, with the same commands and code', () => {
  for (const locale of ['', 'zh/']) {
    assert.ok(page(locale).length > 0, `${locale}other-languages.md`);
    assert.equal(fences(page(locale), 'sh'), fences(page(''), 'sh'));
    assert.equal(fences(page(locale), 'python'), fences(page(''), 'python'));
  }
  assert.is(fences(page(''), 'sh').length, 2);
  const site = files.get('docs/.vitepress/site.json') ?? '';
  assert.ok(site.includes('"/other-languages"') && site.includes('"/zh/other-languages"'));
  assert.match(files.get('docs/index.md') ?? '', '(other-languages.md)');
});

test('a shell word is read back by the shell as it was, whatever it holds', () => {
  const hostile = [
    'plain-name',
    "it's",
    '$(touch x)',
    '`id`',
    'a b',
    '*',
    '"',
    '\\',
    'semi;colon',
    'new\nline',
    '',
  ];
  for (const word of hostile) {
    const out = execFileSync('sh', ['-c', `printf %s ${shellWord(word)}`], { encoding: 'utf8' });
    assert.is(out, word, JSON.stringify(word));
  }
  assert.is(shellWord('node_modules/@scope/pkg'), 'node_modules/@scope/pkg');
});

test('the Go commands make a package that builds', () => {
  const go = goCommand();
  if (!go) return;
  const dir = project();
  runCommands(fences(page(''), 'sh')[0] as string, dir, go.includes('/') ? go : undefined);
});

test('the Python commands make a module that imports, and the validator gives every fixture its verdict', () => {
  const python = pythonCommand();
  if (!python) return;
  const dir = project();
  runCommands(fences(page(''), 'sh')[1] as string, dir);
  execFileSync(python, ['-c', 'import ecs_events'], { cwd: dir });
  const check = [
    fences(page(''), 'python')[0] as string,
    '',
    'import sys',
    'print(json.dumps([len(errors(event)) for event in json.load(sys.stdin)]))',
  ].join('\n');
  writeFileSync(join(dir, 'check.py'), check);
  const index = JSON.parse(files.get('fixtures/index.json') ?? '{}') as {
    fixtures: { kind: string; path: string; index?: number; strict?: boolean; valid?: boolean }[];
  };
  const cases = index.fixtures.map((f) => {
    const value = JSON.parse(files.get(`fixtures/${f.path}`) ?? 'null') as unknown;
    const event = f.index === undefined ? value : (value as unknown[])[f.index];
    // The page validates with the default bundle: it accepts fields the catalog does not list.
    const valid = f.kind === 'valid' || f.valid === true || (f.kind === 'invalid' && f.strict === true);
    return { path: f.path, event, valid };
  });
  const out = execFileSync(python, ['check.py'], {
    cwd: dir,
    input: JSON.stringify(cases.map((c) => c.event)),
  });
  const counts = JSON.parse(out.toString('utf8')) as number[];
  assert.is(counts.length, cases.length);
  counts.forEach((count, i) => {
    assert.is(count === 0, cases[i]?.valid, cases[i]?.path);
  });
});

test.run();
