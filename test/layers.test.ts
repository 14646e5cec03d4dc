// docs/domain.md: dependencies point one way. src/domain and src/contracts are pure (no I/O, used by
// server and web alike); src/web never imports src/server; nothing imports upward, and no file
// imports itself round a circle. A module's tables are written by that module only; another module
// calls its commands (docs/architecture.md, "Writing a module").
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

/** The source files of a guarded folder; a missing or empty folder fails (a rename would hide it). */
function sourceFiles(folder: string): string[] {
  const files = readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|tsx)$/.test(file))
    .map((file) => path.join(folder, file));
  if (files.length === 0) throw new Error(`${folder} holds no source files: is the layer check out of date?`);
  return files;
}

function importsOf(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  const found = [
    ...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ];
  return found.map((m) => m[1] ?? m[2]!);
}

/** Where an import points: a project folder ("src/server/…") or a package name. */
function target(file: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  return path.relative(root, path.resolve(path.dirname(path.join(root, file)), specifier));
}

const pureAllowedPackages = new Set(['zod']);

/** The project file an import names, or null for a package. */
function resolved(file: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const to = target(file, specifier);
  const candidates = [to, `${to}.ts`, `${to}.tsx`, path.join(to, 'index.ts')];
  return (
    candidates.find((candidate) => existsSync(path.join(root, candidate)) && /\.tsx?$/.test(candidate)) ??
    null
  );
}

/** The import cycles among the files (type-only imports count: they tie the files together too). */
function importCycles(files: readonly string[]): string[][] {
  const edges = new Map(
    files.map((file) => [file, importsOf(file).flatMap((specifier) => resolved(file, specifier) ?? [])]),
  );
  // Tarjan's strongly connected components: a component of more than one file is a cycle.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string) => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const next of edges.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || edges.get(file)?.includes(file)) cycles.push(component.sort());
  };
  for (const file of files) if (!index.has(file)) visit(file);
  return cycles;
}

/**
 * Which module writes each table, by schema file ('*') and where a table differs. Tables written
 * outside src/server/modules (the access log, sessions, the demo data, the CLI) are not checked here.
 */
const tableOwners: Record<string, Record<string, readonly string[]>> = {
  'plans.ts': { '*': ['plans'] },
  'notifications.ts': { '*': ['notifications'] },
  'objections.ts': { '*': ['objections'] },
  'surveys.ts': { '*': ['surveys'] },
  'transitions.ts': { '*': ['transitions'] },
  'capacity.ts': { '*': ['capacity'] },
  'absence.ts': { '*': ['absence'] },
  'retention.ts': { '*': ['retention'] },
  'requests.ts': { '*': ['requests'] },
  'caseMeetings.ts': { '*': ['meetings'] },
  'documents.ts': { '*': ['documents'] },
  'dossiers.ts': { '*': ['dossiers'] },
  'breakGlass.ts': { '*': ['breakGlass'] },
  'students.ts': { '*': ['students'], caseMember: ['caseTeam'], consent: ['consent'] },
  'organisations.ts': { '*': ['organisations'], swvOidc: ['auth'] },
  // Signing in (auth) and account administration (organisations) share the accounts.
  'accounts.ts': {
    '*': ['auth'],
    appUser: ['auth', 'organisations'],
    recoveryCode: ['auth', 'organisations'],
    roleGrant: ['organisations'],
    membership: ['organisations'],
    teamMember: ['organisations'],
  },
  // Written only through src/server/access (a new SWV's chain too: startAccessLogChain).
  'accessLog.ts': { '*': [] },
};

function ownersByTable(): Map<string, readonly string[]> {
  const owners = new Map<string, readonly string[]>();
  for (const file of sourceFiles('src/server/db/schema')) {
    const name = path.basename(file);
    if (name === 'index.ts') continue;
    const text = readFileSync(path.join(root, file), 'utf8');
    for (const [, table] of text.matchAll(/export const (\w+) = pgTable\(/g)) {
      const byFile = tableOwners[name];
      if (!byFile) throw new Error(`${file}: say which module owns its tables in tableOwners`);
      owners.set(table!, byFile[table!] ?? byFile['*']!);
    }
  }
  return owners;
}

describe('layers', () => {
  it('keeps src/domain and src/contracts free of I/O', () => {
    const offenders: string[] = [];
    for (const file of [...sourceFiles('src/domain'), ...sourceFiles('src/contracts')]) {
      if (file.endsWith('.test.ts')) continue;
      for (const specifier of importsOf(file)) {
        const to = target(file, specifier);
        const ok =
          to.startsWith('src/domain') || to.startsWith('src/contracts') || pureAllowedPackages.has(to);
        if (!ok) offenders.push(`${file} imports ${specifier}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('keeps the web app off the server code', () => {
    const offenders = sourceFiles('src/web').flatMap((file) =>
      importsOf(file)
        .filter((specifier) => {
          const to = target(file, specifier);
          return to.startsWith('src/server') || to.startsWith('src/cli') || to.startsWith('node:');
        })
        .map((specifier) => `${file} imports ${specifier}`),
    );
    expect(offenders).toEqual([]);
  });

  it('has no import cycles among the source files', () => {
    expect(importCycles(sourceFiles('src'))).toEqual([]);
  });

  it('lets only the owning module write a table; others call its commands', () => {
    const owners = ownersByTable();
    const offenders: string[] = [];
    for (const file of sourceFiles('src/server/modules')) {
      if (file.endsWith('.test.ts')) continue;
      const module = file.split(path.sep)[3]!;
      const text = readFileSync(path.join(root, file), 'utf8');
      for (const [, verb, table] of text.matchAll(/\.(insert|update|delete)\(\s*(\w+)\s*\)/g)) {
        const owning = owners.get(table!);
        if (owning && !owning.includes(module)) offenders.push(`${file} ${verb}s ${table}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('finds the imports it checks (the check itself works)', () => {
    expect(importsOf('src/server/app.ts')).toContain('./http/errorHandler.ts');
    expect(target('src/server/app.ts', './db/client.ts')).toBe('src/server/db/client.ts');
    expect(sourceFiles('src/domain').length).toBeGreaterThan(3);
    expect(() => sourceFiles('src/no-such-layer')).toThrow();
    expect(resolved('src/server/app.ts', './db/client.ts')).toBe('src/server/db/client.ts');
    expect(importCycles(['src/server/app.ts'])).toEqual([]);
    const owners = ownersByTable();
    expect(owners.get('planAgreement')).toEqual(['plans']);
    expect(owners.get('caseMeetingAction')).toEqual(['meetings']);
    expect(owners.get('consent')).toEqual(['consent']);
  });
});
