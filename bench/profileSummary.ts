// Summarises .cpuprofile files (from `bench/childRead.ts --cpu-prof-dir`, or `node --cpu-prof`):
// where the sampled time went, by package or source file and by function, self time.
//
//   npx tsx bench/profileSummary.ts [--top N] <file.cpuprofile>…
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

type CallFrame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame };
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

const { values, positionals } = parseArgs({
  options: { top: { type: 'string', default: '25' } },
  allowPositionals: true,
});
if (positionals.length === 0) {
  console.error('usage: npx tsx bench/profileSummary.ts [--top N] <file.cpuprofile>…');
  process.exit(2);
}
const top = Number(values.top);

/** A readable place: our own files relative to the repository, packages by name. */
function shortUrl(url: string): string {
  const inPackages = url.split('node_modules/');
  if (inPackages.length > 1) return `pkg:${inPackages[inPackages.length - 1]}`;
  const inRepository = url.match(/\/(src|bench|test)\/.*/);
  return inRepository ? inRepository[0].slice(1) : url;
}

function packageOf(place: string, functionName: string): string {
  if (place === '') return functionName; // (garbage collector), (idle), native calls such as writev
  if (place.startsWith('wasm://')) return 'WebAssembly (PGlite)';
  if (!place.startsWith('pkg:')) return place;
  const parts = place.slice(4).split('/');
  return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
let total = 0;
for (const file of positionals) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  profile.samples.forEach((nodeId, index) => {
    const node = nodes.get(nodeId)!;
    const delta = profile.timeDeltas[index] ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    const place = shortUrl(url);
    const name = functionName || '(anonymous)';
    const key = place ? `${name}  ${place}:${lineNumber + 1}` : name;
    byFunction.set(key, (byFunction.get(key) ?? 0) + delta);
    const owner = packageOf(place, name);
    byPackage.set(owner, (byPackage.get(owner) ?? 0) + delta);
    total += delta;
  });
}

function print(title: string, table: Map<string, number>): void {
  console.log(title);
  for (const [key, micros] of [...table].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`  ${((micros / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
  }
}

console.log(`${positionals.length} profile(s), ${(total / 1e6).toFixed(1)} s sampled`);
print('self time by package or file:', byPackage);
print('self time by function:', byFunction);
