/**
 * `ecs-events site build|dev`: the docs site of an output folder.
 */
import { resolve } from 'node:path';
import { buildSite, serveSite } from '../site/vitepress.js';
import { ToolError } from '../support/diagnostics.js';
import { displayPath, type Io } from './io.js';
import type { Options } from './options.js';

/** Runs the command; resolves with the exit code (dev never resolves: it serves until stopped). */
export async function runSite(args: readonly string[], options: Options, io: Io): Promise<number> {
  const outDir = resolve(io.cwd, options.out);
  const [step, ...extra] = args;
  if (extra.length > 0) throw new ToolError(`unexpected argument "${extra[0]}"`, 2);
  if (step === 'build') {
    const siteDir = resolve(io.cwd, options.site);
    await buildSite(outDir, siteDir, options.base);
    io.out(`site built in ${displayPath(io.cwd, siteDir)}`);
    return 0;
  }
  if (step === 'dev') {
    const port = Number(options.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new ToolError(`invalid --port "${options.port}"`, 2);
    io.out(`serving the docs at ${await serveSite(outDir, port)}`);
    return await new Promise<number>(() => {});
  }
  throw new ToolError(
    step === undefined ? 'site needs "build" or "dev"' : `unknown site command "${step}"`,
    2,
  );
}
