// The worker thread that counts the monitor's figures for the web server (monitorInWorker.ts): for
// a national-size SWV that takes seconds, which must not stall children's files read meanwhile, nor
// take their share of the cores: it runs at a lower priority.
import { serveInWorker, yieldCpuToTheServer } from '../../workers/workerCalls.ts';
import { monitorFigures } from './monitor.figures.ts';

yieldCpuToTheServer();
serveInWorker(monitorFigures);
