// docs/domain.md: dependencies point one way. src/domain and src/contracts are pure (no I/O, used by
// server and web alike); src/web never imports src/server; nothing imports upward.
import { readdirSync, readFileSync } from 'node:fs';
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

  it('finds the imports it checks (the check itself works)', () => {
    expect(importsOf('src/server/app.ts')).toContain('./http/errorHandler.ts');
    expect(target('src/server/app.ts', './db/client.ts')).toBe('src/server/db/client.ts');
    expect(sourceFiles('src/domain').length).toBeGreaterThan(3);
    expect(() => sourceFiles('src/no-such-layer')).toThrow();
  });
});
