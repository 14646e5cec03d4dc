// Bundles the server and the CLI into dist/ with esbuild, so `npm start` runs plain JavaScript:
// it starts in about half the time of transpiling TypeScript on the fly (docs/SECURITY.md F1: restart within
// 10 seconds), and production needs no TypeScript loader. Packages stay external (node_modules).
import { build } from 'esbuild';

export async function buildServer(): Promise<void> {
  await build({
    entryPoints: {
      'server/main': 'src/server/main.ts',
      // Next to main.mjs, the worker threads (src/server/workers/workerCalls.ts, `workerEntry`; the CLI's
      // bundle finds them here too): the one that reads EDEXML rosters (edexmlInWorker.ts).
      'server/edexmlWorker': 'src/server/modules/students/edexmlWorker.ts',
      // And the one that reads OSO dossiers (dossiers/osoInWorker.ts).
      'server/osoWorker': 'src/server/modules/dossiers/osoWorker.ts',
      // And the one that counts the monitor's figures (monitor/monitorInWorker.ts).
      'server/monitorWorker': 'src/server/modules/monitor/monitorWorker.ts',
      'cli/main': 'src/cli/main.ts',
    },
    outdir: 'dist',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}
