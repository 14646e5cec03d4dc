// Lighthouse (mobile profile) on three pages of the built app with demo data: the login page, the
// IB'er's home and a child's file. Bar: docs/requirements.md Q-PERF-5.
// Runs in Debian's Chromium; prints one line per page and a verdict (exit code 1 below the bar).
//
//   npx tsx bench/lighthouse.ts                      # build, start on a fresh demo database, measure
//   npx tsx bench/lighthouse.ts --no-build           # use the existing dist/
//   npx tsx bench/lighthouse.ts --runs 3             # the median of three runs per page
//   npx tsx bench/lighthouse.ts --screenshots DIR    # also save a 390 px and a 1280 px screenshot per page
//   npx tsx bench/lighthouse.ts --data-dir DIR       # keep the demo database there (reused when present)
//   npx tsx bench/lighthouse.ts --reports DIR        # also save each run's full Lighthouse report (JSON)
//   npx tsx bench/lighthouse.ts --compare DIR        # also measure the build in checkout DIR, runs interleaved
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';

const { values: options } = parseArgs({
  options: {
    build: { type: 'boolean', default: true },
    'no-build': { type: 'boolean', default: false },
    runs: { type: 'string', default: '1' },
    screenshots: { type: 'string' },
    'data-dir': { type: 'string' },
    reports: { type: 'string' },
    compare: { type: 'string' },
    chromium: { type: 'string', default: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
  },
});
const runs = Number(options.runs);
const chromeFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];
const password = 'lighthouse-demo-password';

async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await new Promise<number>((resolve) =>
    probe.listen(0, '127.0.0.1', () => resolve((probe.address() as { port: number }).port)),
  );
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Starts the built server on a fresh demo database; resolves with its output once it listens. */
async function startServer(
  port: number,
  dataDir: string,
  root: string,
): Promise<{ server: ChildProcess; output: string }> {
  const server = spawn(process.execPath, [path.join(root, 'dist/server/main.mjs')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      PASSEND_DATA_DIR: dataDir,
      PASSEND_DEMO: 'true',
      PASSEND_DEMO_PASSWORD: password,
      PASSEND_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Passend is running at')) setTimeout(resolve, 200);
    });
    server.on('exit', (code) => reject(new Error(`The server stopped (exit code ${code})`)));
  });
  return { server, output };
}

/** Signs in as the demo IB'er; returns the session cookie and a child of their school. */
async function signInAsIb(baseUrl: string, output: string) {
  // The server prints the demo logins when it writes the demo data; a kept database does not.
  const email = /\bib@[\w.-]+/.exec(output)?.[0] ?? 'ib@utrecht.demo.passend.nl';
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl, 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok) throw new Error(`Sign-in failed: ${login.status} ${await login.text()}`);
  const cookies = login.headers.getSetCookie().map((cookie) => cookie.split(';')[0]!);
  const headers = { cookie: cookies.join('; '), 'sec-fetch-site': 'same-origin' };
  const me = (await (await fetch(`${baseUrl}/api/auth/me`, { headers })).json()) as {
    stage: string;
    user: { memberships: { role: string; schoolId: string | null }[] };
  };
  if (me.stage !== 'active') throw new Error(`The IB'er's session is not active: ${me.stage}`);
  const schoolId = me.user.memberships.find((membership) => membership.role === 'school_ib')?.schoolId;
  const list = (await (
    await fetch(`${baseUrl}/api/schools/${schoolId}/students?hasActivePlan=true&limit=1`, { headers })
  ).json()) as { students: { id: string }[] };
  const studentId = list.students[0]?.id;
  if (!studentId) throw new Error('The demo school has no child with a plan');
  return { cookies, studentId, email };
}

type Scores = {
  performance: number;
  accessibility: number;
  failedAudits: string[];
  /** Where the main thread spent its time (ms, before the simulated 4× slowdown), largest first. */
  mainThread: string;
  /** Lighthouse's measure of this machine's speed (a mid-range phone is ~1000 after its 4× slowdown). */
  benchmarkIndex: number;
  /** First and largest contentful paint and total blocking time (ms, simulated phone). */
  fcp: number;
  lcp: number;
  tbt: number;
};

async function measure(
  url: string,
  port: number,
  cookie: string | null,
  report: string | null,
): Promise<Scores> {
  const result = await lighthouse(
    url,
    {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
      ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
    },
    // The default configuration is the mobile profile: a mid-range phone, simulated slow 4G.
    undefined,
  );
  if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
  if (report) writeFileSync(report, String(result.report));
  const { categories, audits } = result.lhr;
  const failedAudits = Object.values(audits)
    .filter((audit) => audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode !== 'informative')
    .filter((audit) => audit.scoreDisplayMode === 'binary' || audit.scoreDisplayMode === 'numeric')
    .map((audit) => `${audit.id}${audit.displayValue ? ` (${audit.displayValue})` : ''}`);
  const breakdown = (
    audits['mainthread-work-breakdown']?.details as { items?: { groupLabel: string; duration: number }[] }
  )?.items;
  const mainThread = (breakdown ?? [])
    .slice(0, 4)
    .map((item) => `${item.groupLabel} ${Math.round(item.duration)}`)
    .join(', ');
  return {
    performance: Math.round((categories.performance?.score ?? 0) * 100),
    accessibility: Math.round((categories.accessibility?.score ?? 0) * 100),
    failedAudits,
    mainThread,
    benchmarkIndex: Math.round(result.lhr.environment.benchmarkIndex),
    fcp: Math.round(audits['first-contentful-paint']?.numericValue ?? 0),
    lcp: Math.round(audits['largest-contentful-paint']?.numericValue ?? 0),
    tbt: Math.round(audits['total-blocking-time']?.numericValue ?? 0),
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function screenshots(baseUrl: string, pages: Page[], cookies: string[], dir: string) {
  mkdirSync(dir, { recursive: true });
  const browser = await chromium.launch({ executablePath: options.chromium, args: chromeFlags });
  for (const width of [390, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 844 }, locale: 'nl-NL' });
    const page = await context.newPage();
    for (const target of pages) {
      await context.clearCookies();
      if (target.signedIn)
        await context.addCookies(
          cookies.map((cookie) => {
            const [name, ...value] = cookie.split('=');
            // A __Host- cookie must be Secure; Chromium sends Secure cookies to http://localhost.
            return { name: name!, value: value.join('='), url: baseUrl.replace('http:', 'https:') };
          }),
        );
      await page.goto(`${baseUrl}${target.path}`, { waitUntil: 'networkidle' });
      const file = path.join(dir, `${target.name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(`  screenshot ${file}`);
    }
    await context.close();
  }
  await browser.close();
}

type Page = { name: string; path: string; signedIn: boolean };

if (options.build && !options['no-build'])
  execFileSync('npx', ['tsx', 'scripts/build.ts'], { stdio: 'inherit' });
if (options.reports) mkdirSync(options.reports, { recursive: true });
const dataDir = options['data-dir'] ?? mkdtempSync(path.join(tmpdir(), 'passend-lighthouse-'));

/** A built checkout under test: this one, and with --compare another, each on its own server. */
type Build = { label: string; baseUrl: string; server: ChildProcess; cookies: string[]; pages: Page[] };

async function startBuild(label: string, root: string, dataDir: string): Promise<Build> {
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  console.log(`Starting ${label} (${root}) on the demo database in ${dataDir}…`);
  const { server, output } = await startServer(port, dataDir, root);
  const signedIn = await signInAsIb(baseUrl, output).catch((error: unknown) => {
    server.kill('SIGTERM');
    throw error;
  });
  const { cookies, studentId, email } = signedIn;
  console.log(`  signed in as ${email}`);
  const pages: Page[] = [
    { name: 'login', path: '/login', signedIn: false },
    { name: 'home', path: '/', signedIn: true },
    { name: 'student', path: `/students/${studentId}`, signedIn: true },
  ];
  return { label, baseUrl, server, cookies, pages };
}

const builds: Build[] = [];
const chrome = await chromeLauncher.launch({ chromePath: options.chromium, chromeFlags });
let passed = true;
try {
  // With --compare the other build is measured first in odd runs and second in even runs, so both
  // see the same machine load.
  if (options.compare)
    builds.push(await startBuild('compare', path.resolve(options.compare), `${dataDir}-compare`));
  builds.push(await startBuild('this', path.resolve('.'), dataDir));
  console.log(`Lighthouse ${lighthouseVersion()} (mobile profile), Chromium ${chromiumVersion()}`);
  console.log(`${runs} run(s) per page and build, the median shown.`);
  const load = () =>
    loadavg()
      .map((value) => value.toFixed(1))
      .join(' ');
  console.log(`Load average before measuring: ${load()} on ${cpus().length} CPUs.`);
  const pageNames = builds[0]!.pages.map((page) => page.name);
  for (const [index, name] of pageNames.entries()) {
    const results = new Map<Build, Scores[]>(builds.map((build) => [build, []]));
    for (let run = 0; run < runs; run++) {
      const order = run % 2 === 0 ? builds : [...builds].reverse();
      for (const build of order) {
        const target = build.pages[index]!;
        const report = options.reports
          ? path.join(options.reports, `${builds.length > 1 ? `${build.label}-` : ''}${name}-${run + 1}.json`)
          : null;
        results
          .get(build)!
          .push(
            await measure(
              `${build.baseUrl}${target.path}`,
              chrome.port,
              target.signedIn ? build.cookies.join('; ') : null,
              report,
            ),
          );
      }
    }
    for (const build of builds) {
      const scores = results.get(build)!;
      const performance = median(scores.map((result) => result.performance));
      const accessibility = median(scores.map((result) => result.accessibility));
      const ok = performance >= 90 && accessibility === 100;
      if (build.label === 'this') passed &&= ok;
      const label = builds.length > 1 ? `${name} (${build.label})` : name;
      const ms = (key: 'fcp' | 'lcp' | 'tbt') => median(scores.map((result) => result[key]));
      console.log(
        `${label.padEnd(8)} performance ${String(performance).padStart(3)}  accessibility ${String(accessibility).padStart(3)}  ${ok ? 'PASS' : 'FAIL'}  (runs: ${scores.map((result) => `${result.performance}/${result.accessibility}`).join(', ')})`,
      );
      console.log(
        `         median FCP ${ms('fcp')} ms, LCP ${ms('lcp')} ms, TBT ${ms('tbt')} ms (runs TBT: ${scores.map((result) => result.tbt).join(', ')})`,
      );
      const failed = [...new Set(scores.flatMap((result) => result.failedAudits))];
      if (failed.length) console.log(`         below 0.9: ${failed.join(', ')}`);
      const last = scores.at(-1)!;
      console.log(`         main thread (ms): ${last.mainThread}; benchmark index ${last.benchmarkIndex}`);
    }
    console.log(`         load average now: ${load()}`);
  }
  const self = builds.at(-1)!;
  if (options.screenshots) await screenshots(self.baseUrl, self.pages, self.cookies, options.screenshots);
} finally {
  await chrome.kill();
  for (const { server } of builds) {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
  if (!options['data-dir']) {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(`${dataDir}-compare`, { recursive: true, force: true });
  }
}
console.log(passed ? 'PASS: performance ≥ 90 and accessibility 100 on every page.' : 'FAIL: below the bar.');
process.exit(passed ? 0 : 1);

function lighthouseVersion(): string {
  return (JSON.parse(readFileSync('node_modules/lighthouse/package.json', 'utf8')) as { version: string })
    .version;
}
function chromiumVersion(): string {
  return execFileSync(options.chromium, ['--version'], { encoding: 'utf8' }).trim();
}
