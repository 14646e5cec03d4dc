// readEdexml (edexml.ts) in a worker thread (src/server/xml/xmlWorker.ts): edexmlWorker.ts under
// tsx, edexmlWorker.mjs next to the bundled server.
import { xmlReaderInWorker } from '../../xml/xmlWorker.ts';
import type { Roster } from './edexml.ts';

const fromSource = import.meta.url.endsWith('.ts');
const reader = xmlReaderInWorker<Roster>(
  'EDEXML file',
  new URL(fromSource ? './edexmlWorker.ts' : './edexmlWorker.mjs', import.meta.url),
);

/** readEdexml off the server's thread. Throws XmlFileRefused as it does. */
export const readEdexmlInWorker = reader.read;
export const stopEdexmlWorker = reader.stop;
