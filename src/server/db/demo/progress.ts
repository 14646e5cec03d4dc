// A small progress bar on stderr for long demo runs. On a terminal it redraws one line; otherwise
// (a log file, CI) it writes a line per tenth, so logs stay readable.
import type { DemoProgress } from './index.ts';

export type ProgressBar = { update(progress: DemoProgress): void; end(): void };

export function progressBar(stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  const width = 30;
  let lastDraw = 0;
  let lastTenth = -1;
  let drawn = false;
  const startedAt = Date.now();
  const line = ({ label, done, total }: DemoProgress) => {
    const share = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(share * width);
    const seconds = ((Date.now() - startedAt) / 1000).toFixed(0);
    return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(share * 100)).padStart(3)}% ${done.toLocaleString('en')}/${total.toLocaleString('en')} ${label} (${seconds} s)`;
  };
  return {
    update(progress) {
      const now = Date.now();
      if (stream.isTTY) {
        if (now - lastDraw < 100 && progress.done < progress.total) return;
        lastDraw = now;
        drawn = true;
        stream.write(`\r${line(progress)}\u001b[K`);
        return;
      }
      const tenth = progress.total > 0 ? Math.floor((progress.done / progress.total) * 10) : 10;
      if (tenth > lastTenth) {
        lastTenth = tenth;
        stream.write(`${line(progress)}\n`);
      }
    },
    end() {
      if (stream.isTTY && drawn) stream.write('\n');
    },
  };
}
