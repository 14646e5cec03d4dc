// Builds the web app, checks its weight and compresses it. The JavaScript a first visit downloads
// (the entry chunk and what it imports statically) must stay within 200 kB gzipped (README, "Test it").
// Every text file gets a brotli (.br) and a gzip (.gz) copy beside it, made once here at the
// highest levels, so the server only picks one by Accept-Encoding (src/server/http/webApp.ts).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build, type Rollup } from 'vite';

const limitBytes = 200 * 1024;

/** Builds into `outDir` (dist/web by default); false when the initial JavaScript is over the limit. */
export async function buildWeb(outDir = path.resolve('dist/web')): Promise<boolean> {
  const result = (await build({
    configFile: path.resolve('vite.config.ts'),
    logLevel: 'warn',
    build: { outDir },
  })) as Rollup.RollupOutput | Rollup.RollupOutput[];
  const output = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
  const chunks = new Map(
    output.filter((item): item is Rollup.OutputChunk => item.type === 'chunk').map((c) => [c.fileName, c]),
  );

  /** The entry chunk and everything it imports statically: what the first page load needs. */
  const initial = new Set<string>();
  const visit = (fileName: string) => {
    if (initial.has(fileName)) return;
    initial.add(fileName);
    for (const imported of chunks.get(fileName)?.imports ?? []) visit(imported);
  };
  for (const chunk of chunks.values()) if (chunk.isEntry) visit(chunk.fileName);

  const gzipped = (fileName: string) => gzipSync(readFileSync(path.join(outDir, fileName))).length;
  const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
  let initialTotal = 0;
  console.log('Web app JavaScript (gzipped):');
  for (const fileName of [...chunks.keys()].sort()) {
    const size = gzipped(fileName);
    const isInitial = initial.has(fileName);
    if (isInitial) initialTotal += size;
    console.log(`  ${isInitial ? 'initial' : 'lazy   '}  ${kB(size).padStart(9)}  ${fileName}`);
  }
  console.log(`Initial JavaScript: ${kB(initialTotal)} of at most ${kB(limitBytes)}.`);
  if (initialTotal > limitBytes) {
    console.error('The initial JavaScript is over the limit: split a page out or drop a dependency.');
    return false;
  }
  const unstyled = unstyledComponents(output);
  if (unstyled.length) {
    console.error(
      `The app renders ${unstyled.join(', ')} without its CSS: add @utrecht/<name>-css to src/web/components.css.`,
    );
    return false;
  }
  precompress(outDir);
  return true;
}

/** The CSS classes of a component: `utrecht-button` from `utrecht-button--primary-action`. */
const componentClasses = (text: string, prefix: string) =>
  new Set(
    [...text.matchAll(new RegExp(`${prefix}(utrecht-[a-z0-9-]+?)(?=--|__|[^a-z0-9-])`, 'g'))].map(
      (m) => m[1]!,
    ),
  );

/**
 * The app imports only the components' CSS it uses (src/web/components.css, docs/decisions/0011).
 * A component the JavaScript names and the library styles, but the built CSS does not, would show
 * unstyled: this lists those.
 */
function unstyledComponents(output: (Rollup.OutputChunk | Rollup.OutputAsset)[]): string[] {
  const text = (item: Rollup.OutputChunk | Rollup.OutputAsset) =>
    item.type === 'chunk' ? item.code : String(item.source);
  const javascript = output
    .filter((item) => item.type === 'chunk')
    .map(text)
    .join('\n');
  const css = output
    .filter((item) => item.fileName.endsWith('.css'))
    .map(text)
    .join('\n');
  const library = readFileSync(
    path.resolve('node_modules/@utrecht/component-library-css/dist/index.css'),
    'utf8',
  );
  const styledByLibrary = componentClasses(library, '\\.');
  const styled = componentClasses(css, '\\.');
  return [...componentClasses(javascript, '["\'` ]')]
    .filter((name) => styledByLibrary.has(name) && !styled.has(name))
    .sort();
}

const compressible = /\.(html|js|css|svg|json|txt)$/;

/**
 * Writes `file.br` and `file.gz` beside each text file where it pays (a copy at least 10% and
 * 256 bytes smaller); without one the server sends the plain file.
 */
export function precompress(outDir: string): void {
  const files = readdirSync(outDir, { recursive: true, encoding: 'utf8' }).filter((file) =>
    compressible.test(file),
  );
  for (const file of files) {
    const full = path.join(outDir, file);
    const plain = readFileSync(full);
    const copies = {
      br: brotliCompressSync(plain, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: plain.length,
        },
      }),
      gz: gzipSync(plain, { level: constants.Z_BEST_COMPRESSION }),
    };
    for (const [extension, compressed] of Object.entries(copies)) {
      const pays = compressed.length <= plain.length * 0.9 && plain.length - compressed.length >= 256;
      if (pays) writeFileSync(`${full}.${extension}`, compressed);
    }
  }
}

// Run directly: `tsx scripts/build-web.ts`.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exit((await buildWeb()) ? 0 : 1);
}
