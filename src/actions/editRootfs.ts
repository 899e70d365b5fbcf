// Changes a file in a container's merged overlay root, from inside its mount namespace, resolved inside that root.
//
// The container part runs on the builder's main thread in its own mount namespace: merged is a
// mount point only there (on the host it is an empty directory), and Sys's fs calls are
// synchronous, so they run on this thread, which is in that namespace (fs.promises would run on
// threads still in the host's). The builder's root is still the host's /, so a plain open of
// merged/bin/sh would follow the image's /bin/sh -> /bin/busybox to the HOST's /bin/busybox:
// every path goes through sys.inRoot(merged), where "/" is merged.
import * as z from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { containerName } from '../steps/params.js';
import { inContainer } from './builderCall.js';
import { requireContainer } from './layersState.js';
import { LabError } from '../errors.js';
import { parseMountinfo } from '../observe/parse/mountinfo.js';
import { linkNote } from './inRootNote.js';
import type { InRoot, Sys } from '../sys/types.js';

export type RootfsOp = 'write' | 'append' | 'delete' | 'replace-dir';

export interface RootfsEdit {
  merged: string;
  op: RootfsOp;
  /** path inside the container, e.g. "/etc/motd" */
  path: string;
  text?: string;
}

/** What the container part is given: the merged directory, which only the helper knows. */
const mergedDir = z.strictObject({ merged: z.string() });

/** rm -r, one unlink/rmdir per entry, children first, links not followed: what the kernel is asked to do. */
function removeTree(r: InRoot, path: string): void {
  if (r.lstat(path).isDirectory) {
    for (const name of r.readdir(path).sort()) removeTree(r, `${path}/${name}`);
    r.rmdir(path);
  } else {
    r.unlink(path);
  }
}

/** The path must name something under merged: never "..", never merged itself. */
function inside(path: string): string {
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.length === 0 || parts.includes('..')) throw new LabError(`${path} is not a path inside the container's root`);
  return '/' + parts.join('/');
}

/** Refuses to touch merged unless it is an overlay mount in this process's mount namespace. */
function requireOverlayAt(sys: Sys, merged: string): void {
  const mounts = parseMountinfo(sys.readFile('/proc/self/mountinfo'));
  if (!mounts.some((m) => m.mountPoint === merged && m.fsType === 'overlay')) {
    throw new LabError(`${merged} is not an overlay mount in the container's mount namespace`, 'run the mount-overlay step first');
  }
}

function change(r: InRoot, op: RootfsOp, target: string, text: string | undefined): string {
  if (op === 'write' || op === 'append') {
    const data = text ?? '';
    const link = linkNote(r, target, 'the container');
    r.writeFile(target, data, op === 'write' ? { mode: 0o644 } : { append: true });
    return `${op === 'write' ? 'wrote' : 'appended'} ${Buffer.byteLength(data)} bytes to ${target}${link ? ` (${link})` : ''}`;
  }
  // delete and replace-dir never follow the last component: a symlink there is removed itself
  const isLink = r.lstat(target).isSymbolicLink;
  if (op === 'delete') {
    r.unlink(target);
    return `deleted ${target}${isLink ? ' (a symlink: the link itself, not what it points to)' : ''}`;
  }
  removeTree(r, target);
  r.mkdir(target, 0o755);
  return `removed ${isLink ? 'the symlink' : 'the directory'} ${target}${isLink ? ' (not what it points to)' : ' with everything in it'}, and made an empty directory in its place`;
}

/**
 * One change through the merged directory, resolved inside it; overlayfs turns it into upperdir
 * entries (a new file, a copy-up, a whiteout, an opaque directory). Returns what was done, in words.
 */
export function editThroughOverlay(sys: Sys, { merged, op, path, text }: RootfsEdit): string {
  requireOverlayAt(sys, merged);
  const target = inside(path);
  return sys.inRoot(merged, (r) => change(r, op, target, text));
}

export const editRootfs = defineAction({
  name: 'edit-rootfs',
  params: z.strictObject({
    container: containerName,
    op: z.enum(['write', 'append', 'delete', 'replace-dir']),
    path: z.string().regex(/^\/[^\0]*$/, 'an absolute path inside the container'),
    text: z.string().optional(),
  }),
  doc: 'The container process, in its own mount namespace, changes one path of the container\'s root through the '
    + 'merged overlay directory: write (O_CREAT|O_TRUNC), append (O_APPEND), delete (unlinkat(2)) or replace-dir '
    + '(unlink and rmdir everything below, rmdir, then mkdir an empty one). Every path is resolved inside merged with '
    + 'openat2(2) RESOLVE_IN_ROOT|RESOLVE_NO_MAGICLINKS, as the container would resolve it: the image\'s /bin/sh -> '
    + '/bin/busybox, or any absolute or ".." link the container planted, stays in the container\'s root (the process\'s '
    + 'own root is the host\'s /, where a plain open would follow it); delete and replace-dir never follow the last '
    + 'component. Without openat2 (Linux < 5.6) a child chrooted into merged does it. It refuses unless merged is an '
    + 'overlay mount in its /proc/self/mountinfo. The lower layers never change: overlayfs puts a new file, a copied-up '
    + 'file, a whiteout or an opaque directory in the container\'s upperdir, which the checks after it look at.',
  host: {
    effect: 'changes {path} ({op}) inside container {container}\'s overlay: the change lands in its upper layer, in the session directory',
    untrusted: 'allowed',
  },
  performs: [syscall('openat2', 'openat2(2) RESOLVE_IN_ROOT in the merged overlay'), syscall('unlinkat'), syscall('mkdirat')],
  needs: ['overlay {container}'],
  inContainer({ sys, state }, { op, path, text }, given) {
    state.requireOwnMountNamespace();
    const { merged } = mergedDir.parse(given);
    return { detail: editThroughOverlay(sys, { merged, op, path, text }) };
  },
  run: async (ctx, params) => {
    const { merged } = requireContainer(ctx, params.container);
    const { log, detail } = await inContainer<{ detail: string }>(ctx, 'edit-rootfs', params, { merged });
    return outcome(log, [`${params.container}: ${detail}`]);
  },
});
