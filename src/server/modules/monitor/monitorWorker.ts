// The worker thread that counts the monitor's figures for the web server (monitorInWorker.ts): for
// a national-size SWV that takes seconds, which must not stall children's files read meanwhile.
import { serveInWorker } from '../../workers/workerCalls.ts';
import { monitorFigures } from './monitor.figures.ts';

serveInWorker(monitorFigures);
