// monitorFigures (monitor.figures.ts) in a worker thread (src/server/workers/workerCalls.ts):
// monitorWorker.ts under tsx, monitorWorker.mjs next to the bundled server (decision 0041).
import { callsInWorker, workerEntry } from '../../workers/workerCalls.ts';
import type { monitorFigures } from './monitor.figures.ts';

const figures = callsInWorker<Parameters<typeof monitorFigures>, ReturnType<typeof monitorFigures>>(
  'monitor figures',
  workerEntry(import.meta.url, 'monitorWorker'),
);

/** monitorFigures off the server's thread. */
export const monitorFiguresInWorker = figures.call;
/** Calls waiting for the worker (tests). */
export const monitorCallsWaiting = figures.waiting;
export const stopMonitorWorker = figures.stop;
