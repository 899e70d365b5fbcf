// Changes a file in a container's merged overlay root, from inside its mount namespace.
//
// The container part runs on the builder's main thread in its own mount namespace: merged is a
// mount point only there (on the host it is an empty directory), and Sys's fs calls are
// synchronous, so they run on this thread, which is in that namespace (fs.promises would run on
// threads still in the host's).
import { z } from 'zod';
import { join } from 'node:path';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { containerName } from '../steps/params.js';
import { inContainer } from './builderCall.js';
import { requireContainer } from './layersState.js';
import { LabError } from '../errors.js';
import { parseMountinfo } from '../observe/parse/mountinfo.js';
import type { Sys } from '../sys/types.js';

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

/** rm -r, one unlink/rmdir per entry, children first: what the kernel is asked to do. */
function removeTree(sys: Sys, path: string): void {
  if (sys.lstat(path).isDirectory) {
    for (const name of sys.readdir(path).sort()) removeTree(sys, join(path, name));
    sys.rmdir(path);
  } else {
    sys.unlink(path);
  }
}

/** The path must name something under merged: never "..", never merged itself. */
function inside(merged: string, path: string): string {
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.length === 0 || parts.includes('..')) throw new LabError(`${path} is not a path inside the container's root`);
  return join(merged, ...parts);
}

/** Refuses to touch merged unless it is an overlay mount in this process's mount namespace. */
function requireOverlayAt(sys: Sys, merged: string): void {
  const mounts = parseMountinfo(sys.readFile('/proc/self/mountinfo'));
  if (!mounts.some((m) => m.mountPoint === merged && m.fsType === 'overlay')) {
    throw new LabError(`${merged} is not an overlay mount in the container's mount namespace`, 'run the mount-overlay step first');
  }
}

/**
 * One change through the merged directory; overlayfs turns it into upperdir entries (a new file, a
 * copy-up, a whiteout, an opaque directory). Returns what was done, in words.
 */
export function editThroughOverlay(sys: Sys, { merged, op, path, text }: RootfsEdit): string {
  requireOverlayAt(sys, merged);
  const target = inside(merged, path);
  if (op === 'write' || op === 'append') {
    const data = text ?? '';
    sys.writeFile(target, data, op === 'write' ? { mode: 0o644 } : { append: true });
    return `${op === 'write' ? 'wrote' : 'appended'} ${Buffer.byteLength(data)} bytes to ${path}`;
  }
  if (op === 'delete') {
    sys.unlink(target);
    return `deleted ${path}`;
  }
  removeTree(sys, target);
  sys.mkdir(target, 0o755);
  return `removed the directory ${path} with everything in it, and made an empty one in its place`;
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
    + 'merged overlay directory: write (open(2) O_CREAT|O_TRUNC), append (O_APPEND), delete (unlink(2)) or replace-dir '
    + '(unlink and rmdir everything below, rmdir, then mkdir an empty one). It refuses unless merged is an overlay '
    + 'mount in its /proc/self/mountinfo. The lower layers never change: overlayfs puts a new file, a copied-up file, '
    + 'a whiteout or an opaque directory in the container\'s upperdir, which the checks after it look at.',
  host: {
    effect: 'changes {path} ({op}) inside container {container}\'s overlay: the change lands in its upper layer, in the session directory',
    untrusted: 'allowed',
  },
  performs: [syscall('open', 'open(2) through the merged overlay'), syscall('unlink'), syscall('rmdir'), syscall('mkdir')],
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
