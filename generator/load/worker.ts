/**
 * The worker side of a parallel load (see loadSpecFiles in load.ts): parses the spec files it is given and
 * sends back their texts, data and diagnostics; the syntax trees stay here (they do not cross threads).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type FileToLoad, loadForWorker } from './spec.js';

parentPort?.postMessage((workerData as readonly FileToLoad[]).map(loadForWorker));
