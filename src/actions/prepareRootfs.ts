// Unpacks the lab image into <session>/rootfs and bind-mounts it onto itself: pivot_root(2) needs a mount point.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Action } from './context.js';
import { builderCall, outcome } from './builderCall.js';
import { rootfsDir } from './rootProcess.js';
import { ensureLabImage, unpackRootfs } from '../image/labImage.js';
import { mkdirLogged } from '../helper/loggedFs.js';
import { syscallLog, quote } from '../../native/syscallLog.js';
import type { SyscallEntry } from '../types.js';

const short = (digest: string): string => digest.replace(/^sha256:/, '').slice(0, 12);

function size(bytes: number): string {
  return bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MiB` : `${Math.max(1, Math.round(bytes / 1024))} KiB`;
}

export const prepareRootfs: Action = async (ctx) => {
  const messages: string[] = [];
  const image = await ensureLabImage({ onMessage: (line) => messages.push(line) });
  const rootfs = rootfsDir(ctx.session.dir);
  if (!existsSync(rootfs)) mkdirLogged(rootfs, 0o755);
  const started = performance.now();
  // The helper unpacks from the host side: the session directory is the same on both sides.
  await unpackRootfs(image, rootfs);
  syscallLog.record('unpack', [quote(`sha256:${short(image.manifestDigest)}…`), quote(rootfs)], 0, undefined, performance.now() - started);
  // A runtime mounts proc on the image's /proc; an image without one gets the directory here.
  if (!existsSync(join(rootfs, 'proc'))) mkdirLogged(join(rootfs, 'proc'), 0o555);
  const local = syscallLog.drain();
  const { log } = await builderCall<{ log: SyscallEntry[] }>(ctx, 'bindRootfs', { path: rootfs });
  return outcome([...local, ...log], [
    ...messages,
    `image ${short(image.manifestDigest)} (${image.source}), ${image.layers.length} layers:`,
    ...image.layers.map((l) => `  ${short(l.digest)} ${size(l.size)}  ${l.createdBy}`),
    `unpacked into ${rootfs}, now a mount point (bind mount onto itself)`,
  ]);
};
