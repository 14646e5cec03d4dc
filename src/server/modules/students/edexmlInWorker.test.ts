// docs/decisions/0027-xml-validation-with-libxml2.md: a roster is read in a worker thread, so the
// server's thread keeps answering while libxml2 validates a large file. The same file read on this
// thread holds it for longer than the server may stall; read through the worker it does not.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { XmlFileRefused } from '../../xml/xsd.ts';
import { readEdexml } from './edexml.ts';
import { readEdexmlInWorker, stopEdexmlWorker } from './edexmlInWorker.ts';

const v21 = readFileSync(
  new URL('../../../../test/support/files/edexml/EDEXML.Voorbeeld.2.1.xml', import.meta.url),
  'utf8',
);

/** The official example with its first pupil copied `count` times (about 1 kB each). */
function largeRoster(count: number): Buffer {
  const pupil = /<leerling key="00001"[\s\S]*?<\/leerling>/.exec(v21)![0];
  const copies = Array.from({ length: count }, (_, i) =>
    pupil.replace('key="00001"', `key="P${i}"`).replace(/eckid="[^"]*"/, `eckid="https://id.school/LL_${i}"`),
  );
  return Buffer.from(v21.replace(pupil, copies.join('\n')));
}

/** This thread's CPU time (as in src/server/http/earlyRefusal.test.ts): the thread is busy, not waiting. */
function threadCpuMs(): number {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  }
}

/** The longest stretch of this thread's CPU time between two 5 ms ticks while `work` runs. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number }> {
  let stallMs = 0;
  let lastCpu = threadCpuMs();
  const timer = setInterval(() => {
    const cpu = threadCpuMs();
    stallMs = Math.max(stallMs, cpu - lastCpu);
    lastCpu = cpu;
  }, 5);
  try {
    const result = await work();
    // One more tick, so a stall at the very end is measured too.
    await new Promise((resolve) => setTimeout(resolve, 10));
    return { result, stallMs };
  } finally {
    clearInterval(timer);
  }
}

/** What the server may stall for (src/server/http/earlyRefusal.test.ts says why 100 ms). */
const maxStallMs = 100;

describe('readEdexmlInWorker', () => {
  afterAll(() => stopEdexmlWorker());
  const file = largeRoster(3000);

  it('reads a roster of 3,000 pupils without holding the server’s thread', async () => {
    await readEdexmlInWorker(Buffer.from(v21)); // the worker started and its XSD compiled
    const inline = await longestStall(async () => readEdexml(file));
    expect(inline.stallMs).toBeGreaterThan(maxStallMs);
    const inWorker = await longestStall(() => readEdexmlInWorker(file));
    expect(inWorker.result.pupils).toHaveLength(3002);
    expect(inWorker.stallMs).toBeLessThan(maxStallMs);
  });

  it('refuses as readEdexml does, and goes on reading after', async () => {
    await expect(readEdexmlInWorker(Buffer.from('<EDEX'))).rejects.toBeInstanceOf(XmlFileRefused);
    expect((await readEdexmlInWorker(Buffer.from(v21))).locationCode).toBe('99ZZ00');
  });
});
