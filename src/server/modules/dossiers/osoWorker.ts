// The worker thread that reads OSO dossiers for the web server (osoInWorker.ts): validating a dossier
// and unpacking its attachments must not stall other requests (docs/decisions/0029-…).
import { serveInWorker } from '../../workers/workerCalls.ts';
import { xmlFileRefusals } from '../../xml/xsd.ts';
import { readOsoDossier } from './osoReader.ts';

serveInWorker(readOsoDossier, xmlFileRefusals);
