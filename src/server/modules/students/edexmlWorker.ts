// The worker thread that reads EDEXML files for the web server (edexmlInWorker.ts): validating and
// reading a school's roster takes a few hundred milliseconds, which must not stall other requests
// (docs/decisions/0027-xml-validation-with-libxml2.md). One file at a time, in the order sent.
import { parentPort } from 'node:worker_threads';
import { XmlFileRefused } from '../../xml/xsd.ts';
import { readEdexml } from './edexml.ts';

export type WorkerRequest = { id: number; content: Uint8Array };
export type WorkerAnswer =
  | { id: number; roster: ReturnType<typeof readEdexml> }
  | { id: number; refused: { reason: XmlFileRefused['reason']; problems: XmlFileRefused['problems'] } }
  | { id: number; failed: string };

parentPort?.on('message', ({ id, content }: WorkerRequest) => {
  let answer: WorkerAnswer;
  try {
    answer = { id, roster: readEdexml(content) };
  } catch (error) {
    answer =
      error instanceof XmlFileRefused
        ? { id, refused: { reason: error.reason, problems: error.problems } }
        : { id, failed: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(answer);
});
