/**
 * Worker threads of the toolkit's own modules: compiled JavaScript, or TypeScript when
 * running from the sources with tsx (tests), where node's --import hooks do not reach workers, so the worker
 * registers tsx itself first.
 */
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** Whether a second thread can run at the same time as this one. */
export function canRunInParallel(): boolean {
  return availableParallelism() > 1;
}

/**
 * Starts the worker module `name` (without extension, beside the module at `caller`, its
 * `import.meta.url`) with `data`; the buffers in `transfer` move to the worker instead of being copied
 * (they are unusable here afterwards).
 */
export function spawnWorker(
  caller: string,
  name: string,
  data: unknown,
  transfer: readonly ArrayBuffer[] = [],
): Worker {
  const ext = extname(fileURLToPath(caller));
  const entry = new URL(`./${name}${ext}`, caller);
  const transferList = [...transfer];
  if (ext !== '.ts') return new Worker(entry, { workerData: data, transferList });
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(code, { eval: true, workerData: data, transferList });
}

/** The one message a worker posts when it is done, or its failure (an error event, or an early exit). */
export function workerResult<T>(worker: Worker): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      action();
    };
    worker.once('message', (message: T) => settle(() => resolve(message)));
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`a worker thread exited with code ${code} before it was done`))),
    );
  });
}
