/**
 * `generate --watch`: regenerates on every save of the spec or of the templates, in this one process, so
 * the parsers, compiled schemas and printers stay warm. A broken save prints its diagnostics and the
 * watcher carries on; the next good save regenerates.
 */
import { existsSync, type FSWatcher, readdirSync, watch } from 'node:fs';
import { join } from 'node:path';
import { resetTemplates } from '../emit/shared/templates.js';
import { buildCatalog } from '../index.js';
import { resetAssets } from '../support/assets.js';
import { ToolError } from '../support/diagnostics.js';
import { toolkitRoot } from '../support/toolkit.js';
import { writeCatalog } from '../write/catalog.js';
import type { Io } from './io.js';
import { plural, printDiagnostics } from './print.js';

export interface WatchOptions {
  readonly specDir: string;
  readonly outDir: string;
  readonly shownSpec: string;
  readonly shownOut: string;
  readonly force: boolean;
  readonly brief: boolean;
  /** Called after every run, for tests and tools. */
  readonly onRun?: (run: { ok: boolean; written: number; ms: number }) => void;
}

export interface WatchHandle {
  /** Resolves after the first run. */
  readonly ready: Promise<void>;
  close(): void;
}

const DEBOUNCE_MS = 20;

/** Starts watching; the first run happens at once. */
export function watchSpec(options: WatchOptions, io: Io): WatchHandle {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  let templatesChanged = false;
  const run = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    if (templatesChanged) {
      resetAssets();
      resetTemplates();
      templatesChanged = false;
    }
    await regenerate(options, io);
    running = false;
    if (again) {
      again = false;
      await run();
    }
  };
  const schedule = (templates: boolean) => () => {
    templatesChanged ||= templates;
    clearTimeout(timer);
    timer = setTimeout(() => void run(), DEBOUNCE_MS);
  };
  const watchers = [
    watchTree(options.specDir, schedule(false)),
    watchTree(join(toolkitRoot(), 'templates'), schedule(true)),
  ];
  io.out(`watching ${options.shownSpec} and the templates; Ctrl-C to stop`);
  return {
    ready: run(),
    close() {
      clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}

/**
 * Watches every folder of a tree, each with its own non-recursive watcher: editors that save by writing a
 * new file and renaming it over the old one are seen (Node 20's recursive watcher on Linux loses a file
 * replaced that way), and folders created later are picked up.
 */
function watchTree(root: string, onChange: () => void): { close(): void } {
  const watchers = new Map<string, FSWatcher>();
  const add = (dir: string): void => {
    if (watchers.has(dir)) return;
    try {
      watchers.set(
        dir,
        watch(dir, () => {
          rescan();
          onChange();
        }),
      );
      for (const entry of readdirSync(dir, { withFileTypes: true }))
        if (entry.isDirectory()) add(join(dir, entry.name));
    } catch {
      // A folder removed while scanning; the next event rescans.
    }
  };
  const rescan = (): void => {
    for (const [dir, watcher] of watchers) {
      if (!existsSync(dir)) {
        watcher.close();
        watchers.delete(dir);
      }
    }
    add(root);
  };
  add(root);
  return {
    close() {
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

async function regenerate(options: WatchOptions, io: Io): Promise<void> {
  const started = performance.now();
  const report = (ok: boolean, written: number) =>
    options.onRun?.({ ok, written, ms: performance.now() - started });
  try {
    const result = await buildCatalog(options.specDir, options.shownSpec);
    const catalog = result.catalog;
    if (!catalog) {
      printDiagnostics(io, result.diagnostics, result.sources, { brief: options.brief });
      const errors = plural(result.diagnostics.length, 'error');
      io.err(`${errors}; ${options.shownOut} left as it was. Waiting for the next save.`);
      report(false, 0);
      return;
    }
    const written = await writeCatalog(catalog, options.outDir, options.force);
    const ms = Math.round(performance.now() - started);
    io.out(`${options.shownOut}: ${written.written} written, ${written.removed} removed in ${ms} ms.`);
    report(true, written.written + written.removed);
  } catch (error) {
    io.err(`ecs-events: ${error instanceof ToolError ? error.message : `internal error: ${String(error)}`}`);
    report(false, 0);
  }
}
