// The `passend` process (see program.ts for the commands): Ctrl-C handling and the exit code.
import { interruption } from './context.ts';
import { runCli } from './program.ts';

// The first Ctrl-C asks the running command to stop and roll back; a second one stops at once.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interruption.signal.aborted) process.exit(130);
    process.stderr.write('Stopping…\n');
    interruption.abort();
  });
}
process.exitCode = await runCli(process.argv);
