// The one progress line on stderr for long work (CLI commands, the demo at start-up): redrawn in
// place on a terminal, and only an occasional plain line when stderr is a file or pipe, so logs of
// scripted runs stay short.

export type ProgressLine = {
  update(text: string): void;
  /** Clears the line; `summary`, if given, stays as a normal line. */
  done(summary?: string): void;
};

export function progressLine(stream: NodeJS.WriteStream = process.stderr): ProgressLine {
  const onTerminal = stream.isTTY === true;
  const interval = onTerminal ? 100 : 10_000;
  // Off a terminal the first line waits one interval: a quick command prints no progress at all.
  let lastWrite = onTerminal ? 0 : Date.now();
  let drawn = false;
  return {
    update(text) {
      const now = Date.now();
      if (now - lastWrite < interval) return;
      lastWrite = now;
      if (onTerminal) {
        const width = Math.max(20, (stream.columns ?? 80) - 1);
        stream.write(`\r\x1b[2K${text.slice(0, width)}`);
        drawn = true;
      } else {
        stream.write(`${text}\n`);
      }
    },
    done(summary) {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
      if (summary) stream.write(`${summary}\n`);
    },
  };
}

/** "1200/31000 rows (3%)" */
export function rowsOf(done: number, total: number): string {
  const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
  return `${done}/${total} rows (${percent}%)`;
}

/** "[#########---------------------]  30% 9,000/30,000 pupils" */
export function barOf(done: number, total: number, label: string): string {
  const width = 30;
  const share = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(share * width);
  const percent = String(Math.floor(share * 100)).padStart(3);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${percent}% ${done.toLocaleString('en')}/${total.toLocaleString('en')} ${label}`;
}
