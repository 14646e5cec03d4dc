// `npm run build`: the server and CLI bundle (dist/server, dist/cli) and the web app (dist/web),
// with the web app's size check. `--if-stale` (used by `npm start`) builds only when the sources
// changed since the last build, so a fresh clone or a `git pull` never runs an old build.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildServer } from './build-server.ts';
import { buildWeb } from './build-web.ts';

const fingerprintFile = path.resolve('dist/.source-fingerprint');

/** A hash over every source file the build reads. */
function sourceFingerprint(): string {
  const hash = createHash('sha256');
  const files = [
    ...readdirSync('src', { recursive: true, encoding: 'utf8' }).map((file) => path.join('src', file)),
    'package-lock.json',
    'vite.config.ts',
    'scripts/build.ts',
    'scripts/build-server.ts',
    'scripts/build-web.ts',
  ]
    .filter((file) => /\.(ts|tsx|css|html|json|csv)$/.test(file))
    .sort();
  for (const file of files) hash.update(file).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

const fingerprint = sourceFingerprint();
if (
  process.argv.includes('--if-stale') &&
  existsSync(fingerprintFile) &&
  readFileSync(fingerprintFile, 'utf8') === fingerprint
) {
  process.exit(0);
}
console.log('Building Passend…');
await buildServer();
if (!(await buildWeb())) process.exit(1);
writeFileSync(fingerprintFile, fingerprint);
