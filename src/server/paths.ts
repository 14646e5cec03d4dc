// Where the project's own files are (migrations, the built web app, package.json), found from this
// module wherever it runs: from src/ under tsx in development and tests, or bundled in dist/server.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findProjectRoot(start: string): string {
  for (let folder = start; ; folder = path.dirname(folder)) {
    if (existsSync(path.join(folder, 'package.json')) && existsSync(path.join(folder, 'migrations')))
      return folder;
    if (path.dirname(folder) === folder) throw new Error(`No Passend project folder above ${start}`);
  }
}

export const projectRoot = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

export const projectPath = (...parts: string[]): string => path.join(projectRoot, ...parts);
