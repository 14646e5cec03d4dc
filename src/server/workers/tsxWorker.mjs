// Starts a TypeScript worker thread under tsx (development and tests; workerCalls.ts). Node 20 does
// not apply `--import tsx` in a worker's execArgv to the worker's own entry file, so this registers
// tsx's loader first and then imports the entry named in workerData (docs/decisions/0027-…).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.tsxEntry);
