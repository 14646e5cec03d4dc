// readOsoDossier (osoReader.ts) in a worker thread (src/server/workers/workerCalls.ts): osoWorker.ts
// under tsx, osoWorker.mjs next to the bundled server.
import { callsInWorker, workerEntry } from '../../workers/workerCalls.ts';
import { xmlFileRefusals } from '../../xml/xsd.ts';
import type { ReadDossier } from './osoReader.ts';

const reader = callsInWorker<[content: Uint8Array], ReadDossier>(
  'OSO dossier',
  workerEntry(import.meta.url, 'osoWorker'),
  xmlFileRefusals,
);

/** readOsoDossier off the server's thread. Throws XmlFileRefused as it does. */
export const readOsoDossierInWorker = reader.call;
export const stopOsoWorker = reader.stop;
