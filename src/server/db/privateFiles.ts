// The embedded database's folder is for the Passend process alone (docs/SECURITY.md F2): folders 0700, files
// 0600, whatever the umask. PGlite writes through Emscripten, which creates every file 0777 and
// then chmods most to 0666 (ignoring the umask), so its file system is wrapped to drop the group
// and other bits from every mode it sets; a folder written by an older Passend is tightened once.
import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { NodeFS } from '@electric-sql/pglite/nodefs';

const groupAndOther = 0o077;
const typeBits = 0o170000;
const directoryType = 0o040000;

/** 0700 for a folder, 0600 for anything else (Emscripten creates files 0777: no execute bit either). */
const ownerOnly = (mode: number, type: number) =>
  (type & typeBits) === directoryType ? mode & ~groupAndOther : mode & ~0o177;

/** Creates the folder (and missing parents) 0700, and makes an existing one 0700. */
export function ensurePrivateFolder(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  chmodSync(folder, 0o700);
}

/** Removes the group and other bits from every folder and file under `folder` (symlinks skipped). */
export function restrictTree(folder: string): void {
  for (const name of readdirSync(folder)) {
    const entry = path.join(folder, name);
    const stats = lstatSync(entry);
    if (stats.isSymbolicLink()) continue;
    const mode = ownerOnly(stats.mode, stats.mode);
    if (mode !== stats.mode) chmodSync(entry, mode & 0o7777);
    if (stats.isDirectory()) restrictTree(entry);
  }
}

type NodeOps = {
  mknod: (parent: unknown, name: string, mode: number, dev: number) => unknown;
  setattr: (node: { mode: number }, attr: { mode?: number }) => unknown;
};

/** PGlite's Node file system with owner-only modes for everything it creates or chmods. */
export class OwnerOnlyNodeFS extends NodeFS {
  constructor(dataDir: string) {
    ensurePrivateFolder(dataDir);
    super(dataDir);
  }

  override async init(...args: Parameters<NodeFS['init']>): ReturnType<NodeFS['init']> {
    const { emscriptenOpts } = await super.init(...args);
    const restrictModes = (module: { NODEFS: unknown }) => {
      const ops = (module.NODEFS as { node_ops?: Partial<NodeOps> }).node_ops;
      const { mknod, setattr } = ops ?? {};
      // Fail closed: a PGlite whose internals moved must not quietly write world-readable files.
      if (!ops || !mknod || !setattr) throw new Error('PGlite file system: cannot restrict file modes');
      ops.mknod = (parent, name, mode, dev) => mknod(parent, name, ownerOnly(mode, mode), dev);
      ops.setattr = (node, attr) =>
        setattr(node, attr.mode === undefined ? attr : { ...attr, mode: ownerOnly(attr.mode, node.mode) });
    };
    return {
      emscriptenOpts: { ...emscriptenOpts, preRun: [...(emscriptenOpts.preRun ?? []), restrictModes] },
    };
  }
}
