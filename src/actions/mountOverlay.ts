// mount("overlay", merged, "overlay", 0, "lowerdir=…,upperdir=…,workdir=…") in the container's mount namespace.
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { containerName } from '../steps/params.js';
import { existsSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { builderCall } from './builderCall.js';
import { overlayPaths, requireLayers } from './layersState.js';
import { LabError } from '../errors.js';
import { syscallLog } from '../../native/syscallLog.js';
import type { SyscallEntry } from '../types.js';
import type { Sys } from '../sys/types.js';

function mkdirs(sys: Sys, paths: string[]): void {
  for (const path of paths) {
    if (!existsSync(dirname(path))) mkdirs(sys, [dirname(path)]);
    if (!existsSync(path)) sys.mkdir(path, 0o755);
  }
}

/**
 * overlayfs.rst: the lower layers are read-only and stacked (top first), changes go to upperdir,
 * and workdir — an empty directory on the same filesystem as upperdir — is overlayfs's scratch
 * space for atomic copy-up and rename.
 */
export const mountOverlay = defineAction({
  name: 'mount-overlay',
  params: z.strictObject({ container: containerName }),
  doc: 'layers lesson: mount an overlay (image layers as lowerdir, upperdir + workdir of its own) for a container',
  performs: [syscall('mount', 'overlayfs: mount(8) overlay')],
  needs: ['own mnt namespace', 'private mounts', 'image layers'],
  provides: ['overlay {container}'],
  run: async (ctx, { container }) => {
    const layers = requireLayers(ctx);
    if (layers.containers[container]) throw new LabError(`container ${container} already has its overlay mounted on ${layers.containers[container].merged}`);
    const paths = overlayPaths(ctx.session.dir, container);
    mkdirs(ctx.sys, [paths.upper, paths.work, paths.merged]);
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
  },
});
