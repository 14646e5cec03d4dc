// Work off the server's one JavaScript thread (docs/decisions/0027-…, 0041-…): a function served in
// a worker thread (`serveInWorker`, in the worker's entry file) and called from the server with a
// promise (`callsInWorker`). One worker per served function, started on its first call and kept
// (what it compiled or loaded stays warm), held by the process only while a call waits for it.
// Arguments and answers cross by structured clone: plain data (objects, arrays, strings, numbers,
// Dates, Maps, typed arrays), never functions or class instances. An error the caller must get
// back as itself (XmlFileRefused) crosses as the payload its `PassedError` makes; any other error
// in the call, an answer that cannot be sent, and a worker that crashed or was stopped fail the
// call with a plain Error (an internal fault: 500), and the next call starts a new worker.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, Worker } from 'node:worker_threads';

type Call = { id: number; args: unknown[] };
type Answer =
  | { id: number; result: unknown }
  | { id: number; passed: unknown }
  | { id: number; failed: string };

/** An error that crosses the thread boundary as itself. */
export type PassedError<Payload = unknown> = {
  /** In the worker: the error's payload when the caller gets it back as itself, else null. */
  encode(error: unknown): Payload | null;
  /** On the server: the error again from its payload. */
  decode(payload: Payload): Error;
};

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** In the worker's entry file: answers each call with what `serve` returns for its arguments. */
export function serveInWorker<Args extends unknown[], Result>(
  serve: (...args: Args) => Result | Promise<Result>,
  passed?: PassedError,
): void {
  const port = parentPort;
  if (!port) throw new Error('serveInWorker runs in a worker thread');
  port.on('message', async ({ id, args }: Call) => {
    let answer: Answer;
    try {
      answer = { id, result: await serve(...(args as Args)) };
    } catch (error) {
      const payload = passed?.encode(error) ?? null;
      answer = payload !== null ? { id, passed: payload } : { id, failed: messageOf(error) };
    }
    try {
      port.postMessage(answer);
    } catch (error) {
      // Not cloneable (a function, a class instance): the call fails, the worker goes on.
      port.postMessage({ id, failed: `its answer cannot cross to the server: ${messageOf(error)}` });
    }
  });
}

/**
 * In a worker's entry file, for work that may wait: lowers this thread's CPU priority (nice 10), so
 * that on a busy machine the server's thread and the database get the cores first (children's
 * files are read while the monitor counts, decision 0041). Linux keeps a nice value per thread
 * (`/proc/thread-self` names it); elsewhere the worker keeps the server's priority.
 */
export function yieldCpuToTheServer(): void {
  try {
    const thread = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(thread) && thread > 0) setPriority(thread, 10);
  } catch {
    // No per-thread priority here: the count runs at the server's.
  }
}

/**
 * The entry file of the worker `name`, seen from the module that calls it (`import.meta.url`): its
 * .ts next to that module under tsx (development, tests, `npx passend`), else `name.mjs` in
 * dist/server, which scripts/build-server.ts writes next to the server's bundle (the CLI's bundle in
 * dist/cli finds it there too).
 */
export function workerEntry(caller: string, name: string): URL {
  return caller.endsWith('.ts') ? new URL(`./${name}.ts`, caller) : new URL(`../server/${name}.mjs`, caller);
}

type Waiting = { resolve: (result: never) => void; reject: (error: Error) => void };

/**
 * On the server: `call(...args)` runs the function served in `entry` (see `workerEntry`; a .ts entry
 * starts through tsxWorker.mjs) and resolves with its answer. `what` names it in errors.
 */
export function callsInWorker<Args extends unknown[], Result>(
  what: string,
  entry: URL,
  passed?: PassedError,
) {
  let current: { worker: Worker; pending: Map<number, Waiting> } | null = null;
  let nextId = 1;

  function started() {
    if (current) return current;
    const worker = entry.pathname.endsWith('.ts')
      ? new Worker(new URL('./tsxWorker.mjs', import.meta.url), { workerData: { tsxEntry: entry.href } })
      : new Worker(entry);
    worker.unref();
    const running = { worker, pending: new Map<number, Waiting>() };
    const settled = (id: number) => {
      const waiting = running.pending.get(id);
      running.pending.delete(id);
      if (running.pending.size === 0) worker.unref();
      return waiting;
    };
    // This worker's calls fail, whatever became of the server's current worker meanwhile.
    const failAll = (error: Error) => {
      if (current === running) current = null;
      for (const id of [...running.pending.keys()]) settled(id)?.reject(error);
    };
    worker.on('message', (answer: Answer) => {
      const waiting = settled(answer.id);
      if (!waiting) return;
      if ('result' in answer) waiting.resolve(answer.result as never);
      else if ('passed' in answer && passed) waiting.reject(passed.decode(answer.passed));
      else waiting.reject(new Error(`the ${what} failed: ${'failed' in answer ? answer.failed : 'refused'}`));
    });
    worker.on('error', (error) => failAll(new Error(`the ${what} worker failed: ${messageOf(error)}`)));
    worker.on('exit', (code) => failAll(new Error(`the ${what} worker stopped (${code})`)));
    current = running;
    return running;
  }

  return {
    call(...args: Args): Promise<Result> {
      const { worker, pending } = started();
      const id = nextId++;
      return new Promise<Result>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (result: never) => void, reject });
        // Held while a call waits: a command that awaits only this call must not exit before it.
        if (pending.size === 1) worker.ref();
        try {
          worker.postMessage({ id, args } satisfies Call);
        } catch (error) {
          pending.delete(id);
          if (pending.size === 0) worker.unref();
          reject(error as Error);
        }
      });
    },
    /** Calls waiting for an answer (tests). */
    waiting: (): number => current?.pending.size ?? 0,
    /** Stops the worker, failing what it held (tests; the server lets it go with the process). */
    async stop(): Promise<void> {
      const running = current;
      current = null;
      await running?.worker.terminate();
    },
  };
}
