// Checks on an escape the learner tries by hand: in /proc's process tree, a root directory that a descendant changed upward.
import * as z from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import { liveProcs, type ChainProc } from '../chain/procRead.js';
import { rootfsDir, rootProcessPids } from '../actions/rootProcess.js';
import { dirId } from './rootChecks.js';
import type { LabContext } from '../steps/context.js';

interface Rooted extends ChainProc {
  /** device:inode of what /proc/<pid>/root leads to */
  root: string;
}

/** Every live process whose /proc/<pid>/root the helper may follow (others, e.g. another user's when rootless, are left out). */
function rootedProcesses(ctx: LabContext): Map<number, Rooted> {
  const all = new Map<number, Rooted>();
  for (const p of liveProcs(ctx.sys)) {
    try {
      all.set(p.pid, { ...p, root: dirId(ctx.sys, `/proc/${p.pid}/root/`) });
    } catch {
      // gone meanwhile, or not ours to look at
    }
  }
  return all;
}

/** The process's ancestors, nearest first, as far as /proc knows them. */
function ancestors(all: Map<number, Rooted>, p: Rooted): Rooted[] {
  const chain: Rooted[] = [];
  for (let up = all.get(p.ppid); up && !chain.includes(up); up = all.get(up.ppid)) chain.push(up);
  return chain;
}

function name(p: ChainProc): string {
  return `${p.comm} ${p.pid}`;
}

/** A process's mount namespace link, or null when it is gone. */
function mntNs(ctx: LabContext, pid: number): string | null {
  try {
    return ctx.sys.readlink(`/proc/${pid}/ns/mnt`);
  } catch {
    return null;
  }
}

export const escapedFromRootfs = defineCheck({
  name: 'escaped-from-rootfs',
  params: z.strictObject({}),
  doc: 'A process climbed out of a chroot into the rootfs: a live process has the host\'s "/" as its root while one of '
    + 'its ancestors (PPid upward) has the rootfs as its root, both by device and inode of /proc/<pid>/root. A child '
    + 'starts with its parent\'s root; only a chroot(2) to a directory outside its own root (reached through a working '
    + 'directory outside it, or /proc/<pid>/root of a process outside) gives it one above. The lab\'s own chroot '
    + 'process escapes by itself and has no chrooted ancestor: it does not count.',
  reads: ['/proc/<pid>/stat PPid of every process', '/proc/<pid>/root (device and inode)', '<session>/rootfs', '/'],
  run: (ctx) => {
    const rootfs = dirId(ctx.sys, rootfsDir(ctx.session.dir));
    const host = dirId(ctx.sys, '/');
    const all = rootedProcesses(ctx);
    const jailed = [...all.values()].filter((p) => p.root === rootfs);
    const out = [...all.values()].filter((p) => p.root === host).find((p) => ancestors(all, p).some((a) => a.root === rootfs));
    if (out) {
      const jail = ancestors(all, out).find((a) => a.root === rootfs)!;
      return pass(`${name(out)} has the host's / as its root (dev:ino ${host}); its ancestor ${name(jail)} has the rootfs (${rootfs}): it got out`);
    }
    if (jailed.length === 0) return fail(`no process has the rootfs (dev:ino ${rootfs}) as its root: nothing is in the chroot yet`);
    return fail(`${jailed.map(name).join(', ')} ha${jailed.length === 1 ? 's' : 've'} the rootfs as root, but no descendant has the host's / (dev:ino ${host}): nobody got out yet`);
  },
});

export const escapeStoppedAtRootfs = defineCheck({
  name: 'escape-stopped-at-rootfs',
  params: z.strictObject({}),
  doc: 'After pivot_root the chroot escape ends at the rootfs: in the pivot_root process\'s mount namespace (the same '
    + '/proc/<pid>/ns/mnt) a live process has the rootfs as its root, and one of its ancestors in that namespace had '
    + 'another root, neither the rootfs nor the host\'s "/": a directory inside the rootfs, the jail it climbed out of. '
    + 'The climb stopped at the top of the mount tree, which is now the rootfs. It fails, saying so, while a process of '
    + 'that namespace has the host\'s "/" as its root.',
  reads: ['/proc/<pid>/ns/mnt and /proc/<pid>/stat PPid of every process', '/proc/<pid>/root (device and inode)', '<session>/rootfs', '/'],
  run: (ctx) => {
    const pivot = rootProcessPids(ctx).pivot;
    if (pivot === null) return fail('no pivot_root process has been started');
    const ns = mntNs(ctx, pivot);
    if (ns === null) return fail(`the pivot_root process ${pivot} is gone`);
    const rootfs = dirId(ctx.sys, rootfsDir(ctx.session.dir));
    const host = dirId(ctx.sys, '/');
    const all = new Map([...rootedProcesses(ctx)].filter(([pid]) => mntNs(ctx, pid) === ns));
    const jailOf = (p: Rooted) => ancestors(all, p).find((a) => a.root !== rootfs && a.root !== host);
    const stopped = [...all.values()].find((p) => p.root === rootfs && jailOf(p));
    if (stopped) {
      return pass(`${name(stopped)} climbed out of the jail of ${name(jailOf(stopped)!)} and its root is the rootfs (dev:ino ${rootfs}), not the host's /: the climb ended there`);
    }
    const outside = [...all.values()].filter((p) => p.root === host);
    if (outside.length > 0) {
      return fail(`${outside.map(name).join(', ')}, in the pivot_root mount namespace, ha${outside.length === 1 ? 's' : 've'} the host's / as root: it got out, or never had the rootfs as root (nsenter without --root?)`);
    }
    const jailed = [...all.values()].filter((p) => p.root !== rootfs);
    if (jailed.length > 0) return fail(`${jailed.map(name).join(', ')} ha${jailed.length === 1 ? 's' : 've'} a root inside the rootfs (a jail), but no descendant has climbed back to the rootfs yet`);
    return fail(`the ${all.size} process${all.size === 1 ? '' : 'es'} of the pivot_root mount namespace all have the rootfs as root; none is in a jail below it`);
  },
});
