// Reads an OSO dossier in a worker thread, as the roster import reads EDEXML (students/edexmlInWorker.ts,
// docs/decisions/0027-…): one worker, started on first use and kept (the XSD is compiled once),
// unref'd so it never keeps the process alive; a crashed worker fails what it held and the next
// dossier starts a new one. Its file: osoWorker.ts under tsx, osoWorker.mjs next to the bundled server.
import { Worker } from 'node:worker_threads';
import { XmlFileRefused } from '../../xml/xsd.ts';
import type { ReadDossier } from './osoReader.ts';
import type { WorkerAnswer, WorkerRequest } from './osoWorker.ts';

const fromSource = import.meta.url.endsWith('.ts');
const workerFile = new URL(fromSource ? './osoWorker.ts' : './osoWorker.mjs', import.meta.url);

const newWorker = (): Worker =>
  fromSource
    ? new Worker(new URL('../../tsxWorker.mjs', import.meta.url), {
        workerData: { tsxEntry: workerFile.href },
      })
    : new Worker(workerFile);

type Pending = { resolve: (read: ReadDossier) => void; reject: (error: Error) => void };

let worker: Worker | null = null;
const pending = new Map<number, Pending>();
let nextId = 1;

function failAll(error: Error): void {
  worker = null;
  for (const waiting of pending.values()) waiting.reject(error);
  pending.clear();
}

function started(): Worker {
  if (worker) return worker;
  const fresh = newWorker();
  fresh.unref();
  fresh.on('message', (answer: WorkerAnswer) => {
    const waiting = pending.get(answer.id);
    if (!waiting) return;
    pending.delete(answer.id);
    if ('read' in answer) waiting.resolve(answer.read);
    else if ('refused' in answer)
      waiting.reject(new XmlFileRefused(answer.refused.reason, answer.refused.problems));
    else waiting.reject(new Error(`reading the OSO dossier failed: ${answer.failed}`));
  });
  fresh.on('error', (error) => failAll(error));
  fresh.on('exit', (code) => {
    if (worker === fresh) failAll(new Error(`the OSO worker stopped (${code})`));
  });
  worker = fresh;
  return fresh;
}

/** readOsoDossier (osoReader.ts), off the server's thread. Throws XmlFileRefused as it does. */
export function readOsoDossierInWorker(content: Uint8Array): Promise<ReadDossier> {
  const id = nextId++;
  const request: WorkerRequest = { id, content };
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    started().postMessage(request);
  });
}

/** Stops the worker (tests; the server lets it go with the process). */
export async function stopOsoWorker(): Promise<void> {
  const running = worker;
  worker = null;
  await running?.terminate();
}
