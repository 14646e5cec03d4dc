// readOsoDossier (osoReader.ts) in a worker thread (src/server/xml/xmlWorker.ts): osoWorker.ts
// under tsx, osoWorker.mjs next to the bundled server.
import { xmlReaderInWorker } from '../../xml/xmlWorker.ts';
import type { ReadDossier } from './osoReader.ts';

const fromSource = import.meta.url.endsWith('.ts');
const reader = xmlReaderInWorker<ReadDossier>(
  'OSO dossier',
  new URL(fromSource ? './osoWorker.ts' : './osoWorker.mjs', import.meta.url),
);

/** readOsoDossier off the server's thread. Throws XmlFileRefused as it does. */
export const readOsoDossierInWorker = reader.read;
export const stopOsoWorker = reader.stop;
