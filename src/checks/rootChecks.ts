// Checks on where a process's root is: /proc/<pid>/root against the rootfs and the host's /, and what its mount table holds.
import { z } from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import { rootProcess } from '../steps/params.js';
import { lstatSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pidsInNamespace } from './processChecks.js';
import { parseMountinfo } from '../observe/parse/mountinfo.js';
import { rootfsDir } from '../actions/rootProcess.js';
import type { LabContext } from '../steps/context.js';
import type { MountEntry } from '../types.js';

type Role = 'chroot' | 'pivot';

function pidOf(ctx: LabContext, role: Role): number | null {
  return role === 'chroot' ? ctx.chrootPid : ctx.pivotPid;
}

/** Device and inode: the identity of a directory, whatever path names it. */
function devIno(path: string): string {
  const s = statSync(path, { bigint: true });
  return `${s.dev}:${s.ino}`;
}

/** proc(5): /proc/<pid>/root is a link to the process's root; following it walks that process's view. */
function rootOf(pid: number): { id: string; link: string } {
  return { id: devIno(`/proc/${pid}/root/`), link: readlinkSync(`/proc/${pid}/root`) };
}

function mountsOf(pid: number | 'self'): MountEntry[] {
  return parseMountinfo(readFileSync(`/proc/${pid}/mountinfo`, 'utf8'));
}

/** The host's root mount: the last "/" line of the helper's own table (it never leaves the host's). */
function hostRootMount(): MountEntry | undefined {
  return mountsOf('self').filter((m) => m.mountPoint === '/').pop();
}

export const rootfsUnpacked = defineCheck({
  name: 'rootfs-unpacked',
  params: z.strictObject({}),
  doc: '',
  reads: [],
  run: (ctx) => {
    const rootfs = rootfsDir(ctx.session.dir);
    let entries: string[];
    try {
      entries = readdirSync(rootfs).sort();
    } catch {
      return fail(`${rootfs} does not exist`);
    }
    const missing = ['bin/sh', 'etc', 'proc'].filter((p) => {
      try {
        lstatSync(join(rootfs, p)); // lstat: the image's links point into the image, not at the host
        return false;
      } catch {
        return true;
      }
    });
    if (missing.length) return fail(`the rootfs has no ${missing.join(', ')} (it holds: ${entries.join(' ') || 'nothing'})`);
    if (devIno(rootfs) === devIno('/')) return fail('the rootfs is the host\'s /');
    return pass(`${rootfs} holds ${entries.join(' ')}`);
  },
});

export const rootfsMountPoint = defineCheck({
  name: 'rootfs-mount-point',
  params: z.strictObject({}),
  doc: '',
  reads: [],
  run: (ctx) => {
    const rootfs = rootfsDir(ctx.session.dir);
    const inside = mountsOf(ctx.builder.pid).find((m) => m.mountPoint === rootfs);
    if (!inside) return fail(`${rootfs} is not a mount point in the container's mount namespace`);
    if (mountsOf('self').some((m) => m.mountPoint === rootfs)) return fail('the host sees the rootfs mount too');
    return pass(`mount ${inside.mountId} on the rootfs (root ${inside.root}), in the container's mountinfo only`);
  },
});

export const rootIsRootfs = defineCheck({
  name: 'root-is-rootfs',
  params: z.strictObject({ process: rootProcess }),
  doc: '',
  reads: [],
  run: (ctx, { process }) => {
    const pid = pidOf(ctx, process);
    if (pid === null) return fail(`no ${process} process has been started`);
    const root = rootOf(pid);
    const rootfs = devIno(rootfsDir(ctx.session.dir));
    if (root.id === devIno('/')) return fail(`/proc/${pid}/root is the host's / (dev:ino ${root.id}): it got out`);
    return root.id === rootfs
      ? pass(`/proc/${pid}/root → ${root.link}: the rootfs (dev:ino ${root.id}), not the host's /`)
      : fail(`/proc/${pid}/root → ${root.link} (dev:ino ${root.id}), the rootfs is ${rootfs}`);
  },
});

export const rootIsHost = defineCheck({
  name: 'root-is-host',
  params: z.strictObject({ process: rootProcess }),
  doc: '',
  reads: [],
  run: (ctx, { process }) => {
    const pid = pidOf(ctx, process);
    if (pid === null) return fail(`no ${process} process has been started`);
    const root = rootOf(pid);
    const host = devIno('/');
    return root.id === host
      ? pass(`/proc/${pid}/root → ${root.link}: the host's / (dev:ino ${host})`)
      : fail(`/proc/${pid}/root → ${root.link} (dev:ino ${root.id}); the host's / is ${host}`);
  },
});

export const oldRootGone = defineCheck({
  name: 'old-root-gone',
  params: z.strictObject({}),
  doc: '',
  reads: [],
  run: (ctx) => {
    const pid = ctx.pivotPid;
    if (pid === null) return fail('no pivot_root process has been started');
    const mounts = mountsOf(pid);
    const host = hostRootMount();
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
  doc: '',
  reads: [],
  run: (ctx) => {
    const pid = ctx.pivotPid;
    if (pid === null) return fail('no pivot_root process has been started');
    const entries = readdirSync(`/proc/${pid}/root/proc`);
    const mounted = mountsOf(pid).some((m) => m.mountPoint === '/proc');
    if (mounted) return fail('something is mounted on /proc inside already');
    return entries.length === 0
      ? pass('/proc inside is an empty directory of the image: nothing is mounted on it')
      : fail(`/proc inside holds ${entries.slice(0, 8).join(' ')}`);
  },
});

export const procInRootListsOnlyContainer = defineCheck({
  name: 'proc-in-root-lists-only-container',
  params: z.strictObject({}),
  doc: '',
  reads: [],
  run: (ctx) => {
    const pid = ctx.pivotPid;
    if (pid === null) return fail('no pivot_root process has been started');
    const proc = mountsOf(pid).find((m) => m.mountPoint === '/proc');
    if (!proc || proc.fsType !== 'proc') return fail('no proc is mounted on /proc inside the new root');
    const listed = readdirSync(`/proc/${pid}/root/proc`).filter((n) => /^\d+$/.test(n)).map(Number).sort((a, b) => a - b);
    const expected = pidsInNamespace(readlinkSync(`/proc/${pid}/ns/pid`));
    const extra = listed.filter((p) => !expected.has(p));
    if (!listed.includes(1)) return fail(`/proc inside lists ${listed.join(' ') || 'nothing'}; PID 1 is missing`);
    if (extra.length) return fail(`/proc inside lists PIDs outside the container: ${extra.join(' ')}`);
    return pass(`/proc inside lists ${listed.length} process${listed.length === 1 ? '' : 'es'}: ${listed.join(' ')}`);
  },
});
