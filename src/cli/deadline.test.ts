// `passend deadline`: the clock's date on the command line, the same computation as the domain's.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from './program.ts';

async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => {
    stdout += `${parts.join(' ')}\n`;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const code = await runCli(['node', 'passend', 'deadline', ...args]);
  vi.restoreAllMocks();
  return { code, stdout, stderr };
}

describe('passend deadline', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prints the date on which the working days have passed, as the last line', async () => {
    for (const [from, days, deadline] of [
      ['2026-12-22', '10', '2027-01-07'],
      ['2026-04-20', '10', '2026-05-06'],
      ['2026-11-06', '1', '2026-11-09'],
      ['2026-11-04', '0', '2026-11-04'],
    ] as const) {
      const { code, stdout } = await run(from, days);
      expect(code, `${from} + ${days}`).toBe(0);
      expect(stdout.trim().split('\n').at(-1)).toBe(deadline);
    }
  });

  it('refuses a date that does not exist and a number that is no number of days, in one line', async () => {
    for (const args of [
      ['2026-02-30', '10'],
      ['22-12-2026', '10'],
      ['2026-12-22', '-1'],
      ['2026-12-22', '1.5'],
      ['2026-12-22', 'tien'],
      ['2026-12-22'],
    ]) {
      const { code, stdout, stderr } = await run(...args);
      expect(code, args.join(' ')).toBe(1);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
