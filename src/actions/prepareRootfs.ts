// Unpacks the lab image into <session>/rootfs and bind-mounts it onto itself: pivot_root(2) needs a mount point.
import { z } from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { builderCall } from './builderCall.js';
import { rootfsDir } from './rootProcess.js';
import { ensureLabImage, unpackRootfs } from '../image/labImage.js';
import { syscallLog, quote } from '../../native/syscallLog.js';
import type { SyscallEntry } from '../types.js';

const short = (digest: string): string => digest.replace(/^sha256:/, '').slice(0, 12);

function size(bytes: number): string {
  return bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MiB` : `${Math.max(1, Math.round(bytes / 1024))} KiB`;
}

export const prepareRootfs = defineAction({
  name: 'prepare-rootfs',
  params: z.strictObject({}),
  doc: 'unpack the lab image into <session>/rootfs and bind-mount it onto itself (pivot_root needs a mount point)',
  performs: [syscall('mount', 'MS_BIND mount(2)')],
  needs: ['own mnt namespace', 'private mounts'],
  provides: ['rootfs'],
  run: async (ctx) => {
    const messages: string[] = [];
    const image = await ensureLabImage({ onMessage: (line) => messages.push(line) });
    const rootfs = rootfsDir(ctx.session.dir);
    if (!existsSync(rootfs)) ctx.sys.mkdir(rootfs, 0o755);
    const started = performance.now();
    // The helper unpacks from the host side: the session directory is the same on both sides.
    await unpackRootfs(image, rootfs);
    syscallLog.record('unpack', [quote(`sha256:${short(image.manifestDigest)}…`), quote(rootfs)], 0, undefined, performance.now() - started);
    // A runtime mounts proc on the image's /proc; an image without one gets the directory here.
    if (!existsSync(join(rootfs, 'proc'))) ctx.sys.mkdir(join(rootfs, 'proc'), 0o555);
    const local = syscallLog.drain();
    const { log } = await builderCall<{ log: SyscallEntry[] }>(ctx, 'bindRootfs', { path: rootfs });
    return outcome([...local, ...log], [
      ...messages,
      `image ${short(image.manifestDigest)} (${image.source}), ${image.layers.length} layers:`,
      ...image.layers.map((l) => `  ${short(l.digest)} ${size(l.size)}  ${l.createdBy}`),
      `unpacked into ${rootfs}, now a mount point (bind mount onto itself)`,
    ]);
  },
});
