// XML files read in a worker thread, so the server's thread keeps answering other requests while
// libxml2 parses and validates (docs/decisions/0027-xml-validation-with-libxml2.md). Per reader
// (EDEXML rosters, OSO dossiers) one worker, started on first use and kept (its XSDs compiled
// once), unref'd so it never keeps the process alive; a crashed worker fails what it held and the
// next file starts a new one. `serveXmlReads` is the worker's side, `xmlReaderInWorker` the server's.
import { parentPort, Worker } from 'node:worker_threads';
import { XmlFileRefused } from './xsd.ts';

type WorkerRequest = { id: number; content: Uint8Array };
type WorkerAnswer<Read> =
  | { id: number; read: Read }
  | { id: number; refused: { reason: XmlFileRefused['reason']; problems: XmlFileRefused['problems'] } }
  | { id: number; failed: string };

/** In the worker: answers each file with what `read` made of it, one file at a time, in order. */
export function serveXmlReads<Read>(read: (content: Uint8Array) => Read): void {
  parentPort?.on('message', ({ id, content }: WorkerRequest) => {
    let answer: WorkerAnswer<Read>;
    try {
      answer = { id, read: read(content) };
    } catch (error) {
      answer =
        error instanceof XmlFileRefused
          ? { id, refused: { reason: error.reason, problems: error.problems } }
          : { id, failed: error instanceof Error ? error.message : String(error) };
    }
    parentPort?.postMessage(answer);
  });
}

/**
 * On the server: `read` sends a file to the worker in `workerFile` (its .ts under tsx in
 * development and tests, started through src/server/tsxWorker.mjs; its .mjs next to the bundled
 * server, scripts/build-server.ts) and throws XmlFileRefused as the reader does.
 */
export function xmlReaderInWorker<Read>(what: string, workerFile: URL) {
  const fromSource = workerFile.pathname.endsWith('.ts');
  let worker: Worker | null = null;
  const pending = new Map<number, { resolve: (read: Read) => void; reject: (error: Error) => void }>();
  let nextId = 1;

  function failAll(error: Error): void {
    worker = null;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  }

  function started(): Worker {
    if (worker) return worker;
    const fresh = fromSource
      ? new Worker(new URL('../tsxWorker.mjs', import.meta.url), {
          workerData: { tsxEntry: workerFile.href },
        })
      : new Worker(workerFile);
    fresh.unref();
    fresh.on('message', (answer: WorkerAnswer<Read>) => {
      const waiting = pending.get(answer.id);
      if (!waiting) return;
      pending.delete(answer.id);
      if ('read' in answer) waiting.resolve(answer.read);
      else if ('refused' in answer)
        waiting.reject(new XmlFileRefused(answer.refused.reason, answer.refused.problems));
      else waiting.reject(new Error(`reading the ${what} failed: ${answer.failed}`));
    });
    fresh.on('error', (error) => failAll(error));
    fresh.on('exit', (code) => {
      if (worker === fresh) failAll(new Error(`the ${what} worker stopped (${code})`));
    });
    worker = fresh;
    return fresh;
  }

  return {
    read(content: Uint8Array): Promise<Read> {
      const id = nextId++;
      const request: WorkerRequest = { id, content };
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        started().postMessage(request);
      });
    },
    /** Stops the worker (tests; the server lets it go with the process). */
    async stop(): Promise<void> {
      const running = worker;
      worker = null;
      await running?.terminate();
    },
  };
}
