/**
 * The no-op fast path. After a successful run, a record of what went in (the spec files, the templates,
 * the toolkit's own code) and what came out is kept outside the output folder, in
 * node_modules/.cache/ecs-events/. A later run whose inputs hash the same, and whose output folder still
 * holds exactly those files, has nothing to do: it answers without loading the YAML parser, the schema
 * compiler or the code printers.
 *
 * What came out is recorded as each output file's size, modification time and inode (as make and git do,
 * a file edited afterwards gets a later time), plus the sha-256 of the files written within RACY_MS of
 * the newest one: an edit within the same tick of the file system's clock as the write would keep
 * their time, so they are compared by content (git's "racily clean" entries). Only a tool that edits a
 * file and then sets its time back, keeping its size, goes unnoticed; `--no-cache` regenerates regardless.
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { isInside, readSpecBytes } from '../load/files.js';
import { compareStrings } from '../support/diagnostics.js';
import { listFiles, walkFiles, writeFileAtomic } from '../support/fs.js';
import { codeRoot, toolkitRoot } from '../support/toolkit.js';
import type { OutputFiles } from '../write/staged-files.js';

interface CacheRecord {
  readonly key: string;
  /** One digest over every output file's path, size, modification time and inode. */
  readonly stats: string;
  /** The sha-256 of each file modified within RACY_MS of the newest output file, by path. */
  readonly racy: Readonly<Record<string, string>>;
}

/**
 * Files modified this close to the newest output file are also compared by content (see above). In theory
 * only the files of the newest tick are at risk (a later edit cannot get an earlier time from a clock that
 * does not go back); the margin covers clocks that tick in steps of up to 10 ms.
 */
const RACY_MS = 10;

/**
 * The digest of the output files' metadata, and the files modified within RACY_MS of the newest. `files`,
 * when the caller has them (a write: every file of the folder after its commit, sorted, with the stats it
 * took as it wrote), spares listing a large folder again and looking up the files it wrote; the others are
 * looked up. The digest covers the sorted paths and, as one block of numbers, each file's size,
 * time and inode: no text per file.
 */
function outputStats(outDir: string, files?: OutputFiles): { digest: string; racy: string[] } {
  const paths = files ? files.paths : listFiles(outDir);
  const known = files?.stats;
  const numbers = new Float64Array(paths.length * 3);
  let newest = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < paths.length; i++) {
    if (known && !Number.isNaN(known[3 * i])) {
      // Copied number by number: a subarray per file was an object per file.
      numbers[3 * i] = known[3 * i] as number;
      numbers[3 * i + 1] = known[3 * i + 1] as number;
      numbers[3 * i + 2] = known[3 * i + 2] as number;
    } else {
      const stat = lstatSync(join(outDir, paths[i] as string));
      numbers[3 * i] = stat.size;
      numbers[3 * i + 1] = stat.mtimeMs;
      numbers[3 * i + 2] = stat.ino;
    }
    const mtimeMs = numbers[3 * i + 1] as number;
    if (mtimeMs > newest) newest = mtimeMs;
  }
  const hash = createHash('sha256').update(paths.join('\0')).update('\0\0').update(numbers);
  const racy = paths.filter((_, i) => (numbers[3 * i + 1] as number) >= newest - RACY_MS);
  return { digest: hash.digest('hex'), racy };
}

/** Every file under `dir` (relative, sorted), and whether it is a symlink; folder symlinks are not descended. */
function entriesUnder(dir: string): { path: string; link: boolean }[] {
  const out: { path: string; link: boolean }[] = [];
  walkFiles(dir, (path, entry) => out.push({ path, link: entry.isSymbolicLink() }));
  return out.sort((a, b) => compareStrings(a.path, b.path));
}

function hashText(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

let toolkitHash: string | undefined;

/**
 * A hash of the code that is running and of the templates: a changed toolkit invalidates every record. The
 * templates (which users edit) count by their bytes; the code, by each file's size and modification time
 * (a build or an install rewrites them; an upgrade also changes package.json, which counts by its bytes):
 * reading every file of the code would be most of the cost of a no-op run's key.
 */
function toolkitFingerprint(): string {
  if (toolkitHash) return toolkitHash;
  const hash = createHash('sha256');
  const code = codeRoot();
  // Source maps change nothing a run does.
  for (const path of listFiles(code).filter((p) => !p.endsWith('.map'))) {
    const { size, mtimeMs } = statSync(join(code, path));
    hash.update(`code/${path}\0${size}\0${mtimeMs}\0`);
  }
  const templates = join(toolkitRoot(), 'templates');
  for (const path of listFiles(templates))
    hash
      .update(`templates/${path}\0`)
      .update(readFileSync(join(templates, path)))
      .update('\0');
  hash.update(readFileSync(join(toolkitRoot(), 'package.json')));
  toolkitHash = hash.digest('hex');
  return toolkitHash;
}

/**
 * The key of a run: the toolkit, the options that change the output, and every file of the spec folder
 * (its `digest`, computed unless given); undefined when the folder holds anything unusual (a file too large
 * to hash cheaply, a broken or outside symlink, an unreadable file), which the full run then reports
 * properly.
 */
export function inputKey(
  specDir: string,
  options: readonly string[],
  digest: string | undefined = specDigest(specDir),
): string | undefined {
  if (digest === undefined) return undefined;
  return createHash('sha256')
    .update(toolkitFingerprint())
    .update(`\0${options.join('\0')}\0${digest}`)
    .digest('hex');
}

/**
 * One digest over every file of the spec folder, paths and contents; undefined as for inputKey. A run that
 * needs several keys (the output's record, the cached model) reads and hashes the folder once. The bytes hashed are put in `keep` by real path, for the run to build from (see
 * ReadFiles): what it records and caches under the digest is then made of exactly what the digest covers,
 * even when a file is saved in between.
 */
export function specDigest(specDir: string, keep?: Map<string, Buffer>): string | undefined {
  try {
    const realRoot = realpathSync(specDir);
    const hash = createHash('sha256');
    for (const { path, link } of entriesUnder(specDir)) {
      // Only a symlink can lead elsewhere: the walk descends real folders.
      const real = link ? realpathSync(join(specDir, path)) : join(realRoot, path);
      if (link && !isInside(realRoot, real)) return undefined;
      const read = readSpecBytes(real);
      if (!read.ok) return undefined;
      hash.update(`${path}\0`).update(read.bytes).update('\0');
      keep?.set(real, read.bytes);
    }
    return hash.digest('hex');
  } catch {
    return undefined;
  }
}

function recordPath(outDir: string): string | undefined {
  const modules = join(toolkitRoot(), 'node_modules');
  if (!existsSync(modules)) return undefined;
  return join(modules, '.cache', 'ecs-events', `${hashText(outDir).slice(0, 24)}.json`);
}

/** Whether the output folder is exactly what the last run with the same inputs wrote. */
export function isUpToDate(outDir: string, key: string | undefined): boolean {
  const path = recordPath(outDir);
  if (key === undefined || !path || !existsSync(path)) return false;
  let record: CacheRecord;
  try {
    record = JSON.parse(readFileSync(path, 'utf8')) as CacheRecord;
  } catch {
    return false;
  }
  if (record.key !== key || typeof record.racy !== 'object' || record.racy === null) return false;
  try {
    if (outputStats(outDir).digest !== record.stats) return false;
    return Object.entries(record.racy).every(
      ([path, hash]) => hashText(readFileSync(join(outDir, path))) === hash,
    );
  } catch {
    return false;
  }
}

/**
 * Records a successful run; failures to write the record only cost the next run its fast path. A write
 * passes every file of the folder after its commit, with the stats it took (see outputStats).
 */
export function remember(outDir: string, key: string | undefined, files?: OutputFiles): void {
  const path = recordPath(outDir);
  if (!path || key === undefined) return;
  try {
    const stats = outputStats(outDir, files);
    const racy = Object.fromEntries(
      stats.racy.map((file) => [file, hashText(readFileSync(join(outDir, file)))]),
    );
    const record: CacheRecord = { key, stats: stats.digest, racy };
    writeFileAtomic(path, JSON.stringify(record));
    pruneCache();
  } catch {
    // The cache is an optimisation; the run itself succeeded.
  }
}

const serializedForms = new WeakMap<object, Uint8Array>();

function remembered<T>(value: T, bytes: Uint8Array): T {
  if (typeof value === 'object' && value !== null) serializedForms.set(value, bytes);
  return value;
}

/**
 * The bytes a value read from or written to the cache was serialized into (V8's serializer), if it was, and
 * forgets them: a worker thread that needs its own copy deserializes them, so the value is not serialized a
 * second time, and they are not kept alive once handed over (a large model's bytes are large).
 */
export function takeSerializedForm(value: object): Uint8Array | undefined {
  const bytes = serializedForms.get(value);
  serializedForms.delete(value);
  return bytes;
}

/**
 * A value derived from the spec (the validated model, the validators' data table), cached under the spec's
 * input key, so that commands which only need it skip parsing and validating the spec when it has not
 * changed. Stored with V8's serializer: it keeps shared objects shared, so a large model stays far smaller
 * and reads back far faster than as JSON. `known.digest` is the spec's specDigest, when the caller has it
 * already.
 */
export async function cachedDerived<T>(
  specDir: string,
  kind: string,
  build: () => Promise<T | undefined>,
  known?: { readonly digest: string | undefined },
): Promise<T | undefined> {
  const key = inputKey(specDir, [kind], known ? known.digest : specDigest(specDir));
  const modules = join(toolkitRoot(), 'node_modules');
  const path =
    key && existsSync(modules)
      ? join(modules, '.cache', 'ecs-events', `${hashText(kind).slice(0, 8)}-${key.slice(0, 32)}.bin`)
      : undefined;
  if (path && existsSync(path)) {
    try {
      const bytes = readFileSync(path);
      return remembered(deserialize(bytes) as T, bytes);
    } catch {
      // A damaged entry is rebuilt below.
    }
  }
  const value = await build();
  if (path && value !== undefined) {
    try {
      const bytes = serialize(value);
      remembered(value, bytes);
      writeFileAtomic(path, bytes);
      pruneCache();
    } catch {
      // Only the next run's speed depends on it.
    }
  }
  return value;
}

/** Cache entries kept; older ones are removed when a new one is written (tests and benches make many). */
const MAX_ENTRIES = 400;
/** Bytes the cache folder may hold (a large catalog's model takes a good part of it). */
const MAX_BYTES = 512 * 2 ** 20;

/** Keeps the cache folder small: removes the oldest entries beyond MAX_ENTRIES or MAX_BYTES. */
function pruneCache(): void {
  const dir = join(toolkitRoot(), 'node_modules', '.cache', 'ecs-events');
  try {
    const entries = readdirSync(dir)
      .filter((name) => name.endsWith('.json') || name.endsWith('.bin'))
      .map((name) => {
        const stat = statSync(join(dir, name));
        return { name, at: stat.mtimeMs, size: stat.size };
      })
      // Newest first; ties by name, so that every run removes the same entries.
      .sort((a, b) => b.at - a.at || compareStrings(a.name, b.name));
    let bytes = 0;
    entries.forEach((entry, index) => {
      bytes += entry.size;
      if (index >= MAX_ENTRIES || bytes > MAX_BYTES) rmSync(join(dir, entry.name), { force: true });
    });
  } catch {
    // Pruning is housekeeping; nothing depends on it.
  }
}
