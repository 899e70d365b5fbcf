// Checks for the chain lesson: runc was caught and is gone, the bundle matches the kernel, its root is dockerd's mount, the hops were timed.
import * as z from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import { isAbsolute, join } from 'node:path';
import { parseMountinfo } from '../observe/parse/mountinfo.js';
import type { RuntimeConfig } from '../chain/bundleSummary.js';
import { liveProc } from '../chain/procRead.js';
import { chainIfMade } from '../actions/chainState.js';
import { bundleDir } from '../actions/showBundle.js';
import type { LabContext } from '../steps/context.js';

export const runcCaught = defineCheck({
  name: 'runc-caught',
  params: z.strictObject({}),
  doc: 'The step before caught runc at work: its timeline, built from the process watcher\'s fork/exec/exit '
    + 'records, has at least one `runc create`, `start`, `delete`, `kill` or `state` run (not runc init, which '
    + 'becomes the container), and none of those PIDs runs any more in /proc: runc does its work and exits, '
    + 'leaving the container to the shim.',
  reads: ['the traced step\'s timeline (proc connector records)', '/proc/<pid>/stat of each runc PID'],
  run: (ctx) => {
    // runc's own runs (create, start, delete); not its init, which becomes the container's PID 1
    const runc = (chainIfMade(ctx)?.view.timeline?.entries ?? []).filter((e) => /^runc (create|start|delete|kill|state)/.test(e.label) && e.pid !== undefined);
    if (runc.length === 0) return fail('the timeline has no runc process');
    const stillAlive = runc.filter((e) => liveProc(ctx.sys, e.pid!) !== null);
    if (stillAlive.length > 0) return fail(`runc ${stillAlive.map((e) => e.pid).join(', ')} still runs (/proc)`);
    return pass(runc.map((e) => `${e.label} pid ${e.pid} (+${Math.round(e.at)} ms, gone now)`).join('; '));
  },
});

/** The lesson's running container and the bundle containerd wrote for it (bundleDir of show-bundle), or null. */
function containerBundle(ctx: LabContext, namespace: string): { pid: number; dir: string; config: RuntimeConfig } | null {
  const c = chainIfMade(ctx)?.container;
  if (!c?.pid) return null;
  const dir = bundleDir(join(ctx.session.dir, 'containerd', 'state'), namespace, c.id);
  return { pid: c.pid, dir, config: JSON.parse(ctx.sys.readFile(join(dir, 'config.json'))) as RuntimeConfig };
}

const NS_FILE: Record<string, string> = { pid: 'pid', mount: 'mnt', uts: 'uts', ipc: 'ipc', network: 'net', cgroup: 'cgroup', user: 'user' };

export const bundleMatches = defineCheck({
  name: 'bundle-matches',
  params: z.strictObject({ namespace: z.string().default('moby') }),
  doc: 'The OCI bundle containerd wrote for the lesson\'s container matches what the kernel shows of its '
    + 'process: config.json\'s process.args equal /proc/<pid>/cmdline, every namespace it asks to be made new '
    + '(no path given) has another /proc/<pid>/ns link than the helper\'s own, and the last part of '
    + 'linux.cgroupsPath appears in /proc/<pid>/cgroup.',
  reads: ['<containerd state>/io.containerd.runtime.v2.task/<namespace>/<id>/config.json', '/proc/<pid>/cmdline', '/proc/<pid>/ns/*, /proc/self/ns/*', '/proc/<pid>/cgroup'],
  run: (ctx, { namespace }) => {
    const c = containerBundle(ctx, namespace);
    if (!c) return fail('no running container to compare with');
    const { config } = c;
    const cmdline = ctx.sys.readFile(`/proc/${c.pid}/cmdline`).split('\0').filter(Boolean);
    if (JSON.stringify(cmdline) !== JSON.stringify(config.process?.args)) return fail(`process.args ${JSON.stringify(config.process?.args)} but /proc/${c.pid}/cmdline is ${JSON.stringify(cmdline)}`);
    const differ: string[] = [];
    for (const n of config.linux?.namespaces ?? []) {
      const file = NS_FILE[n.type ?? ''];
      if (!file || n.path) continue;
      const mine = ctx.sys.readlink(`/proc/${c.pid}/ns/${file}`);
      const host = ctx.sys.readlink(`/proc/self/ns/${file}`);
      if (mine === host) return fail(`config.json asks for a new ${n.type} namespace, but ${c.pid} shares the host's`);
      differ.push(file);
    }
    const cgroupsPath = config.linux?.cgroupsPath ?? '';
    const leaf = cgroupsPath.split(/[/:]/).filter(Boolean).pop() ?? '';
    if (leaf && !ctx.sys.readFile(`/proc/${c.pid}/cgroup`).includes(leaf)) return fail(`${c.pid} is not in ${cgroupsPath}`);
    return pass(`args ${JSON.stringify(cmdline)}, own ${differ.join(' ')}, cgroup …/${leaf.slice(0, 12)}`);
  },
});

export const bundleRootIsDockers = defineCheck({
  name: 'bundle-root-is-dockers',
  params: z.strictObject({ namespace: z.string().default('moby') }),
  doc: 'dockerd mounts the container\'s root filesystem itself and hands containerd no snapshot: in the bundle '
    + 'containerd wrote, rootfs/ is an empty directory and nothing is mounted on it (/proc/self/mountinfo of the '
    + 'helper, which stays in the host\'s mount namespace, as the daemons do), while config.json\'s root.path is an '
    + 'absolute path that is a mount point there, and the container\'s /proc/<pid>/root is that directory (same '
    + 'device and inode). True of Docker 20.10\'s graph-driver store (<data-root>/overlay2/<layer>/merged) and of '
    + 'the containerd image store too (<data-root>/rootfs/<snapshotter>/<id>).',
  reads: ['<containerd state>/io.containerd.runtime.v2.task/<namespace>/<id>/config.json root.path', '<bundle>/rootfs (readdir)', '/proc/self/mountinfo', '/proc/<pid>/root (stat)'],
  run: (ctx, { namespace }) => {
    const c = containerBundle(ctx, namespace);
    if (!c) return fail('no running container to compare with');
    const bundle = c.dir;
    const root = String(c.config.root?.path ?? '');
    if (!isAbsolute(root)) return fail(`root.path is ${JSON.stringify(root)}, inside the bundle: containerd mounted a snapshot there`);
    const inRootfs = ctx.sys.readdir(join(bundle, 'rootfs'));
    if (inRootfs.length > 0) return fail(`${bundle}/rootfs is not empty: ${inRootfs.slice(0, 5).join(', ')}`);
    const mounts = parseMountinfo(ctx.sys.readFile('/proc/self/mountinfo'));
    const onRootfs = mounts.find((m) => m.mountPoint === join(bundle, 'rootfs'));
    if (onRootfs) return fail(`${onRootfs.fsType} is mounted on ${bundle}/rootfs`);
    const atRoot = mounts.filter((m) => m.mountPoint === root).pop();
    if (!atRoot) return fail(`root.path ${root} is not a mount point`);
    const same = (a: { dev: number; ino: number }, b: { dev: number; ino: number }) => a.dev === b.dev && a.ino === b.ino;
    if (!same(ctx.sys.stat(`/proc/${c.pid}/root`), ctx.sys.stat(root))) return fail(`/proc/${c.pid}/root is not ${root}`);
    return pass(`rootfs/ empty, nothing mounted on it; root.path ${root} is an ${atRoot.fsType} mount point, PID ${c.pid}'s root`);
  },
});

export const hopsMeasured = defineCheck({
  name: 'hops-measured',
  params: z.strictObject({ atLeast: z.number().int().min(1).default(6) }),
  doc: 'The traced `docker run` before it was timed hop by hop: its hop bars (CLI to dockerd, dockerd to '
    + 'containerd, the shim, runc create, runc init, the program…, measured from the proc connector\'s records '
    + 'and the proxy\'s requests) number at least `atLeast`. The detail gives their sum and the longest hop.',
  reads: ['the traced step\'s hop bars (proc connector records, API proxy log)'],
  run: (ctx, { atLeast }) => {
    const bars = chainIfMade(ctx)?.view.hops?.bars ?? [];
    if (bars.length < atLeast) return fail(`${bars.length} hops timed, fewer than ${atLeast}: ${bars.map((b) => b.label).join(', ')}`);
    const sum = bars.reduce((n, b) => n + b.ms, 0);
    return pass(`${bars.length} hops, ${Math.round(sum)} ms in all; longest: ${[...bars].sort((a, b) => b.ms - a.ms)[0].label}`);
  },
});
