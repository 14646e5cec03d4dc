// The worker thread that reads OSO dossiers for the web server (osoInWorker.ts): validating a dossier
// and unpacking its attachments must not stall other requests (docs/decisions/0027-… and 0029-…).
// One dossier at a time, in the order sent.
import { parentPort } from 'node:worker_threads';
import { XmlFileRefused } from '../../xml/xsd.ts';
import { type ReadDossier, readOsoDossier } from './osoReader.ts';

export type WorkerRequest = { id: number; content: Uint8Array };
export type WorkerAnswer =
  | { id: number; read: ReadDossier }
  | { id: number; refused: { reason: XmlFileRefused['reason']; problems: XmlFileRefused['problems'] } }
  | { id: number; failed: string };

parentPort?.on('message', ({ id, content }: WorkerRequest) => {
  let answer: WorkerAnswer;
  try {
    answer = { id, read: readOsoDossier(content) };
  } catch (error) {
    answer =
      error instanceof XmlFileRefused
        ? { id, refused: { reason: error.reason, problems: error.problems } }
        : { id, failed: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(answer);
});
