// readEdexml (edexml.ts) in a worker thread (src/server/workers/workerCalls.ts): edexmlWorker.ts
// under tsx, edexmlWorker.mjs next to the bundled server.
import { callsInWorker, workerEntry } from '../../workers/workerCalls.ts';
import { xmlFileRefusals } from '../../xml/xsd.ts';
import type { Roster } from './edexml.ts';

const reader = callsInWorker<[content: Uint8Array], Roster>(
  'EDEXML file',
  workerEntry(import.meta.url, 'edexmlWorker'),
  xmlFileRefusals,
);

/** readEdexml off the server's thread. Throws XmlFileRefused as it does. */
export const readEdexmlInWorker = reader.call;
export const stopEdexmlWorker = reader.stop;
