// mount("overlay", merged, "overlay", 0, "lowerdir=…,upperdir=…,workdir=…") in the container's mount namespace.
import { existsSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import type { Action } from './context.js';
import { builderCall, outcome } from './builderCall.js';
import { overlayPaths, requireLayers } from './layersState.js';
import { mkdirLogged } from '../helper/loggedFs.js';
import { LabError } from '../errors.js';
import { syscallLog } from '../../native/syscallLog.js';
import type { SyscallEntry } from '../types.js';

function mkdirs(paths: string[]): void {
  for (const path of paths) {
    if (!existsSync(dirname(path))) mkdirs([dirname(path)]);
    if (!existsSync(path)) mkdirLogged(path, 0o755);
  }
}

/**
 * overlayfs.rst: the lower layers are read-only and stacked (top first), changes go to upperdir,
 * and workdir — an empty directory on the same filesystem as upperdir — is overlayfs's scratch
 * space for atomic copy-up and rename.
 */
export const mountOverlay: Action<{ container: string }> = async (ctx, { container }) => {
  const layers = requireLayers(ctx);
  if (layers.containers[container]) throw new LabError(`container ${container} already has its overlay mounted on ${layers.containers[container].merged}`);
  const paths = overlayPaths(ctx.session.dir, container);
  mkdirs([paths.upper, paths.work, paths.merged]);
  const local = syscallLog.drain();
  const lower = [...layers.layerDirs].reverse();
  const { log } = await builderCall<{ log: SyscallEntry[] }>(ctx, 'mountOverlay', { lower, ...paths });
  layers.containers[container] = paths;
  const rel = (p: string) => relative(ctx.session.dir, p);
  return outcome([...local, ...log], [
    `lowerdir  ${lower.map(rel).join(' : ')}   (read-only, top first)`,
    `upperdir  ${rel(paths.upper)}   (this container's changes)`,
    `workdir   ${rel(paths.work)}`,
    `merged    ${paths.merged}   (the container's root: all of them, stacked)`,
  ]);
};
