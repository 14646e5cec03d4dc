// The worker thread that reads EDEXML files for the web server (edexmlInWorker.ts): validating and
// reading a school's roster takes a few hundred milliseconds, which must not stall other requests.
import { serveInWorker } from '../../workers/workerCalls.ts';
import { xmlFileRefusals } from '../../xml/xsd.ts';
import { readEdexml } from './edexml.ts';

serveInWorker(readEdexml, xmlFileRefusals);
