// Checks on where a process's root is: /proc/<pid>/root against the rootfs and the host's /, and what its mount table holds.
import * as z from 'zod';
import { defineCheck, pass, fail, type CheckOutcome } from '../steps/define.js';
import { pidsInNamespace } from './processChecks.js';
import { rootProcess } from '../steps/params.js';
import { join } from 'node:path';
import { parseMountinfo } from '../observe/parse/mountinfo.js';
import { rootfsDir, rootProcessPids } from '../actions/rootProcess.js';
import type { LabContext } from '../steps/context.js';
import type { Sys } from '../sys/types.js';
import type { MountEntry } from '../types.js';

/**
 * Device and inode: the identity of a directory, whatever path names it. A trailing slash makes
 * lstat(2) follow a last component that is a link, as /proc/<pid>/root is (path_resolution(7)).
 */
export function dirId(sys: Sys, path: string): string {
  const s = sys.lstat(path.endsWith('/') ? path : `${path}/`);
  return `${s.dev}:${s.ino}`;
}

/** proc(5): /proc/<pid>/root is a link to the process's root; following it walks that process's view. */
function rootOf(sys: Sys, pid: number): { id: string; link: string } {
  return { id: dirId(sys, `/proc/${pid}/root/`), link: sys.readlink(`/proc/${pid}/root`) };
}

function mountsOf(sys: Sys, pid: number | 'self'): MountEntry[] {
  return parseMountinfo(sys.readFile(`/proc/${pid}/mountinfo`));
}

/** The host's root mount: the last "/" line of the helper's own table (it never leaves the host's). */
export function hostRootMount(sys: Sys): MountEntry | undefined {
  return mountsOf(sys, 'self').filter((m) => m.mountPoint === '/').pop();
}

function pivotPid(ctx: LabContext): number | null {
  return rootProcessPids(ctx).pivot;
}

export const rootfsUnpacked = defineCheck({
  name: 'rootfs-unpacked',
  params: z.strictObject({}),
  doc: 'The image is unpacked into <session>/rootfs: the directory holds bin/sh, etc and proc (looked up with '
    + 'lstat(2), since the image\'s links point into the image, not at the host), and it is not the host\'s "/" '
    + '(another device and inode). The detail lists its top directory.',
  reads: ['<session>/rootfs (readdir, lstat)', '/ (device and inode)'],
  run: (ctx) => {
    const rootfs = rootfsDir(ctx.session.dir);
    let entries: string[];
    try {
      entries = ctx.sys.readdir(rootfs).sort();
    } catch {
      return fail(`${rootfs} does not exist`);
    }
    const missing = ['bin/sh', 'etc', 'proc'].filter((p) => {
      try {
        ctx.sys.lstat(join(rootfs, p));
        return false;
      } catch {
        return true;
      }
    });
    if (missing.length) return fail(`the rootfs has no ${missing.join(', ')} (it holds: ${entries.join(' ') || 'nothing'})`);
    if (dirId(ctx.sys, rootfs) === dirId(ctx.sys, '/')) return fail('the rootfs is the host\'s /');
    return pass(`${rootfs} holds ${entries.join(' ')}`);
  },
});

export const rootfsMountPoint = defineCheck({
  name: 'rootfs-mount-point',
  params: z.strictObject({}),
  doc: 'The rootfs is a mount point in the container process\'s mount namespace (a line of /proc/<container>/mountinfo '
    + 'has it as its mount point) and in that one only: the helper\'s own mountinfo, the host\'s, has no such line.',
  reads: ['/proc/<container>/mountinfo', '/proc/self/mountinfo'],
  run: (ctx) => {
    const rootfs = rootfsDir(ctx.session.dir);
    const inside = mountsOf(ctx.sys, ctx.builder.pid).find((m) => m.mountPoint === rootfs);
    if (!inside) return fail(`${rootfs} is not a mount point in the container's mount namespace`);
    if (mountsOf(ctx.sys, 'self').some((m) => m.mountPoint === rootfs)) return fail('the host sees the rootfs mount too');
    return pass(`mount ${inside.mountId} on the rootfs (root ${inside.root}), in the container's mountinfo only`);
  },
});

export const rootIsRootfs = defineCheck({
  name: 'root-is-rootfs',
  params: z.strictObject({ process: rootProcess }),
  doc: 'The chroot or the pivot_root process has the rootfs as its root: following /proc/<pid>/root reaches the '
    + 'directory with the rootfs\'s device and inode, and not the host\'s "/". It fails with "it got out" when the '
    + 'process\'s root is the host\'s again.',
  reads: ['/proc/<pid>/root (link and device:inode)', '<session>/rootfs', '/'],
  run: (ctx, { process }) => {
    const pid = rootProcessPids(ctx)[process];
    if (pid === null) return fail(`no ${process} process has been started`);
    const root = rootOf(ctx.sys, pid);
    const rootfs = dirId(ctx.sys, rootfsDir(ctx.session.dir));
    if (root.id === dirId(ctx.sys, '/')) return fail(`/proc/${pid}/root is the host's / (dev:ino ${root.id}): it got out`);
    return root.id === rootfs
      ? pass(`/proc/${pid}/root → ${root.link}: the rootfs (dev:ino ${root.id}), not the host's /`)
      : fail(`/proc/${pid}/root → ${root.link} (dev:ino ${root.id}), the rootfs is ${rootfs}`);
  },
});

export const rootIsHost = defineCheck({
  name: 'root-is-host',
  params: z.strictObject({ process: rootProcess }),
  doc: 'The chroot or the pivot_root process has the host\'s "/" as its root, as after a successful chroot escape: '
    + 'following /proc/<pid>/root reaches the directory with the device and inode of the helper\'s "/".',
  reads: ['/proc/<pid>/root (link and device:inode)', '/'],
  run: (ctx, { process }) => {
    const pid = rootProcessPids(ctx)[process];
    if (pid === null) return fail(`no ${process} process has been started`);
    const root = rootOf(ctx.sys, pid);
    const host = dirId(ctx.sys, '/');
    return root.id === host
      ? pass(`/proc/${pid}/root → ${root.link}: the host's / (dev:ino ${host})`)
      : fail(`/proc/${pid}/root → ${root.link} (dev:ino ${root.id}); the host's / is ${host}`);
  },
});

export const oldRootGone = defineCheck({
  name: 'old-root-gone',
  params: z.strictObject({}),
  doc: 'After pivot_root the old root is gone from the pivot_root process\'s mount table: its mountinfo has nothing '
    + 'on /.old_root, no mount of the host\'s root filesystem (same device and root as the last "/" line of the '
    + 'helper\'s mountinfo), and its "/" is the rootfs.',
  reads: ['/proc/<pivot>/mountinfo', '/proc/self/mountinfo'],
  run: (ctx) => {
    const pid = pivotPid(ctx);
    if (pid === null) return fail('no pivot_root process has been started');
    const mounts = mountsOf(ctx.sys, pid);
    const host = hostRootMount(ctx.sys);
    const top = mounts.find((m) => m.mountPoint === '/');
    const old = mounts.filter((m) => m.mountPoint === '/.old_root' || m.mountPoint.startsWith('/.old_root/'));
    const hostRoot = host && mounts.find((m) => m.majorMinor === host.majorMinor && m.root === host.root);
    if (old.length) return fail(`${old.length} mount(s) still under /.old_root`);
    if (hostRoot) return fail(`the host's root filesystem (${host!.majorMinor} ${host!.root}) is still mounted, on ${hostRoot.mountPoint}`);
    if (!top || !top.root.endsWith('/rootfs')) return fail(`its / is ${top ? top.root : 'missing'}, not the rootfs`);
    return pass(`${mounts.length} mount${mounts.length === 1 ? '' : 's'} in its mountinfo; / is ${top.root}; the host's root is not there`);
  },
});

export const procEmptyInRoot = defineCheck({
  name: 'proc-empty-in-root',
  params: z.strictObject({}),
  doc: 'Before proc is mounted, /proc inside the pivoted root is just the image\'s empty directory: nothing is '
    + 'mounted on /proc in the pivot_root process\'s mountinfo, and listing /proc/<pivot>/root/proc from the host '
    + 'finds no entries.',
  reads: ['/proc/<pivot>/root/proc (readdir, resolved inside that root)', '/proc/<pivot>/mountinfo'],
  run: (ctx) => {
    const pid = pivotPid(ctx);
    if (pid === null) return fail('no pivot_root process has been started');
    const entries = ctx.sys.inRoot(`/proc/${pid}/root`, (r) => r.readdir('/proc'));
    const mounted = mountsOf(ctx.sys, pid).some((m) => m.mountPoint === '/proc');
    if (mounted) return fail('something is mounted on /proc inside already');
    return entries.length === 0
      ? pass('/proc inside is an empty directory of the image: nothing is mounted on it')
      : fail(`/proc inside holds ${entries.slice(0, 8).join(' ')}`);
  },
});

export const procInRootListsOnlyContainer = defineCheck({
  name: 'proc-in-root-lists-only-container',
  params: z.strictObject({}),
  doc: 'proc is mounted on /proc in the pivot_root process\'s mount namespace, and the PIDs it lists (read from the '
    + 'host through /proc/<pivot>/root/proc) include 1 and are all PIDs of processes in that process\'s PID '
    + 'namespace: the host\'s /proc is walked for processes whose ns/pid link is the same, and their innermost '
    + 'NSpid taken.',
  reads: ['/proc/<pivot>/mountinfo', '/proc/<pivot>/root/proc (readdir, resolved inside that root)', '/proc/<pivot>/ns/pid', '/proc/*/ns/pid', '/proc/*/status NSpid'],
  run: (ctx) => {
    const pid = pivotPid(ctx);
    if (pid === null) return fail('no pivot_root process has been started');
    return procListsItsNamespace(ctx.sys, pid, '/proc', '/proc inside');
  },
});

/**
 * proc is mounted on `at` in the mount namespace of process `pid`, and what it lists there (read
 * through /proc/<pid>/root, so resolved in that process's root and mounts) is PID 1 and only PIDs
 * of processes in that process's PID namespace.
 */
export function procListsItsNamespace(sys: Sys, pid: number, at: string, label: string): CheckOutcome {
  const proc = mountsOf(sys, pid).find((m) => m.mountPoint === at);
  if (!proc || proc.fsType !== 'proc') return fail(`no proc is mounted on ${label}`);
  const listed = sys.inRoot(`/proc/${pid}/root`, (r) => r.readdir(at)).filter((n) => /^\d+$/.test(n)).map(Number).sort((a, b) => a - b);
  const expected = pidsInNamespace(sys.readlink(`/proc/${pid}/ns/pid`), sys);
  const extra = listed.filter((p) => !expected.has(p));
  if (!listed.includes(1)) return fail(`${label} lists ${listed.join(' ') || 'nothing'}; PID 1 is missing`);
  if (extra.length) return fail(`${label} lists PIDs outside the container: ${extra.join(' ')}`);
  return pass(`${label} lists ${listed.length} process${listed.length === 1 ? '' : 'es'}: ${listed.join(' ')}`);
}
