// Builder-side overlay work: mount(2) an overlay, and change files through its merged directory.
//
// Both run on the builder's main thread in its own mount namespace: the merged directory is a
// mount point only there (on the host it is an empty directory), and the *Sync fs calls run on
// this thread, which is in that namespace (fs.promises would run on threads still in the host's).
import { appendFileSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as kernel from '../../native/kernel.js';
import { syscallLog, quote } from '../../native/syscallLog.js';
import { LabError } from '../errors.js';
import { parseMountinfo } from '../observe/parse/mountinfo.js';
import type { SyscallEntry } from '../types.js';

export interface OverlayMountParams {
  /** top layer first */
  lower: string[];
  upper: string;
  work: string;
  merged: string;
}

export type RootfsOp = 'write' | 'append' | 'delete' | 'replace-dir';

export interface RootfsEdit {
  merged: string;
  op: RootfsOp;
  /** path inside the container, e.g. "/etc/motd" */
  path: string;
  text?: string;
}

/**
 * overlayfs.rst "Multiple lower layers": lowerdir=top:…:bottom. The option string is parsed
 * on ',' and ':' (a backslash escapes them), and must fit one page with the other options.
 */
export function overlayOptions({ lower, upper, work }: Omit<OverlayMountParams, 'merged'>): string {
  for (const path of [...lower, upper, work]) {
    if (/[,:\\\s]/.test(path)) throw new LabError(`overlay path ${path} contains a character the option string would need to escape`);
  }
  return `lowerdir=${lower.join(':')},upperdir=${upper},workdir=${work}`;
}

function errnoOf(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? 'EIO';
}

/** Runs one fs call and records it strace-style, failure included. */
function logged<T>(call: string, args: string[], fn: () => T, ret: (v: T) => number | string = () => 0): T {
  const started = performance.now();
  try {
    const value = fn();
    syscallLog.record(call, args, ret(value), undefined, performance.now() - started);
    return value;
  } catch (error) {
    syscallLog.record(call, args, -1, errnoOf(error), performance.now() - started);
    throw error;
  }
}

/** rm -r, one unlink/rmdir per entry, children first: what the kernel is asked to do. */
function removeTree(path: string): void {
  const st = lstatSync(path);
  if (st.isDirectory()) {
    for (const name of readdirSync(path).sort()) removeTree(join(path, name));
    logged('rmdir', [quote(path)], () => rmdirSync(path));
  } else {
    logged('unlink', [quote(path)], () => unlinkSync(path));
  }
}

/** The path must name something under merged: never "..", never merged itself. */
function inside(merged: string, path: string): string {
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.length === 0 || parts.includes('..')) throw new LabError(`${path} is not a path inside the container's root`);
  return join(merged, ...parts);
}

/** Refuses to touch merged unless it is an overlay mount in this process's mount namespace. */
function requireOverlayAt(merged: string): void {
  const mounts = parseMountinfo(readFileSync('/proc/self/mountinfo', 'utf8'));
  if (!mounts.some((m) => m.mountPoint === merged && m.fsType === 'overlay')) {
    throw new LabError(`${merged} is not an overlay mount in the container's mount namespace`, 'run the mount-overlay step first');
  }
}

export function overlayHandlers(guards: { requireOwnMountNamespace(): void }) {
  return {
    mountOverlay(p: OverlayMountParams): { log: SyscallEntry[] } {
      guards.requireOwnMountNamespace();
      kernel.mount('overlay', p.merged, 'overlay', 0, overlayOptions(p));
      return { log: syscallLog.drain() };
    },

    editRootfs({ merged, op, path, text }: RootfsEdit): { log: SyscallEntry[]; detail: string } {
      guards.requireOwnMountNamespace();
      requireOverlayAt(merged);
      const target = inside(merged, path);
      let detail: string;
      if (op === 'write' || op === 'append') {
        const data = text ?? '';
        const flags = op === 'write' ? 'O_WRONLY|O_CREAT|O_TRUNC' : 'O_WRONLY|O_APPEND';
        logged('write', [quote(target), quote(data), String(Buffer.byteLength(data)), flags],
          () => (op === 'write' ? writeFileSync(target, data, { mode: 0o644 }) : appendFileSync(target, data)), () => Buffer.byteLength(data));
        detail = `${op === 'write' ? 'wrote' : 'appended'} ${Buffer.byteLength(data)} bytes to ${path}`;
      } else if (op === 'delete') {
        logged('unlink', [quote(target)], () => unlinkSync(target));
        detail = `deleted ${path}`;
      } else {
        removeTree(target);
        logged('mkdir', [quote(target), '0755'], () => mkdirSync(target, { mode: 0o755 }));
        detail = `removed the directory ${path} with everything in it, and made an empty one in its place`;
      }
      return { log: syscallLog.drain(), detail };
    },
  };
}
