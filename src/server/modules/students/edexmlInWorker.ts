// Reads an EDEXML file in a worker thread, so the server's thread keeps answering other requests
// while libxml2 parses and validates (docs/decisions/0027-xml-validation-with-libxml2.md). One
// worker, started on first use and kept (the XSDs are compiled once); unref'd so it never keeps the
// process alive. The worker's file: edexmlWorker.ts under tsx (development, tests), or
// edexmlWorker.mjs next to the bundled server (scripts/build-server.ts).
import { Worker } from 'node:worker_threads';
import { XmlFileRefused } from '../../xml/xsd.ts';
import type { Roster } from './edexml.ts';
import type { WorkerAnswer, WorkerRequest } from './edexmlWorker.ts';

const fromSource = import.meta.url.endsWith('.ts');
const workerFile = new URL(fromSource ? './edexmlWorker.ts' : './edexmlWorker.mjs', import.meta.url);

/** Under tsx, the worker starts through src/server/tsxWorker.mjs, which loads TypeScript first. */
const newWorker = (): Worker =>
  fromSource
    ? new Worker(new URL('../../tsxWorker.mjs', import.meta.url), {
        workerData: { tsxEntry: workerFile.href },
      })
    : new Worker(workerFile);

type Pending = { resolve: (roster: Roster) => void; reject: (error: Error) => void };

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
    if ('roster' in answer) waiting.resolve(answer.roster);
    else if ('refused' in answer)
      waiting.reject(new XmlFileRefused(answer.refused.reason, answer.refused.problems));
    else waiting.reject(new Error(`reading the EDEXML file failed: ${answer.failed}`));
  });
  // A crashed worker fails what it held; the next file starts a new one.
  fresh.on('error', (error) => failAll(error));
  fresh.on('exit', (code) => {
    if (worker === fresh) failAll(new Error(`the EDEXML worker stopped (${code})`));
  });
  worker = fresh;
  return fresh;
}

/** readEdexml (edexml.ts), off the server's thread. Throws XmlFileRefused as it does. */
export function readEdexmlInWorker(content: Uint8Array): Promise<Roster> {
  const id = nextId++;
  const request: WorkerRequest = { id, content };
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    started().postMessage(request);
  });
}

/** Stops the worker (tests; the server lets it go with the process). */
export async function stopEdexmlWorker(): Promise<void> {
  const running = worker;
  worker = null;
  await running?.terminate();
}
