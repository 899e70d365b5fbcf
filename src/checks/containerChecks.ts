// Checks on the container by hand, read from its PID 1: /proc/<pid>/root, ns links, mountinfo, cmdline, hostname.
import * as z from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import type { LabContext } from '../steps/context.js';
import { containerName, nsName } from '../steps/params.js';
import { parseMountinfo } from '../observe/parse/mountinfo.js';
import { parseStatus } from '../observe/parse/status.js';
import { overlayPaths } from '../actions/layersState.js';
import { dirId, hostRootMount, procListsItsNamespace } from './rootChecks.js';

function init(ctx: LabContext): number {
  if (ctx.initPid === null) throw new Error('the container has no PID 1');
  return ctx.initPid;
}

/**
 * The merged directory is an overlay mount only in the container process's mount namespace:
 * /proc/<builder>/root walks that namespace's tree, where the path leads into the overlay.
 */
export const initRootIsOverlay = defineCheck({
  name: 'init-root-is-overlay',
  params: z.strictObject({ container: containerName }),
  doc: 'PID 1\'s root is the named container\'s overlay: following /proc/<PID 1>/root reaches the directory with the '
    + 'device and inode of the overlay\'s merged directory, which is a mount point only in the container process\'s '
    + 'mount namespace and so is reached through /proc/<container>/root<merged>. It fails when PID 1\'s root is '
    + 'the host\'s "/".',
  reads: ['/proc/<PID 1>/root (link and device:inode)', '/proc/<container>/root<merged> (device:inode)', '/'],
  run: (ctx, { container }) => {
    const pid = init(ctx);
    const { merged } = overlayPaths(ctx.session.dir, container);
    const root = dirId(ctx.sys, `/proc/${pid}/root/`);
    const overlay = dirId(ctx.sys, `/proc/${ctx.builder.pid}/root${merged}/`);
    if (root === dirId(ctx.sys, '/')) return fail(`/proc/${pid}/root is the host's / (${root})`);
    return root === overlay
      ? pass(`/proc/${pid}/root → ${ctx.sys.readlink(`/proc/${pid}/root`)}: the overlay on ${merged} (dev:ino ${root})`)
      : fail(`/proc/${pid}/root is dev:ino ${root}; the overlay's root is ${overlay}`);
  },
});

export const initNsDiffer = defineCheck({
  name: 'init-ns-differ',
  params: z.strictObject({ namespaces: z.array(nsName).min(1) }),
  doc: 'PID 1 is in none of the host\'s namespaces of the listed kinds: each link /proc/<PID 1>/ns/<ns> names another '
    + 'inode than the helper\'s own /proc/self/ns/<ns>, which never leaves the host\'s namespaces.',
  reads: ['/proc/<PID 1>/ns/<ns>', '/proc/self/ns/<ns>'],
  run: (ctx, { namespaces }) => {
    const pid = init(ctx);
    const link = (who: number | 'self', ns: string) => ctx.sys.readlink(`/proc/${who}/ns/${ns}`);
    const same = namespaces.filter((ns) => link(pid, ns) === link('self', ns));
    if (same.length) return fail(`PID 1 still shares the host's ${same.join(', ')} namespace${same.length > 1 ? 's' : ''}`);
    return pass(`PID 1: ${namespaces.map((ns) => link(pid, ns)).join(' ')}, none of them the host's`);
  },
});

/** runc's order: proc on the rootfs's /proc before pivot_root, in PID 1's own mount namespace. */
export const initProcOnRootfs = defineCheck({
  name: 'init-proc-on-rootfs',
  params: z.strictObject({ container: containerName }),
  doc: 'Before pivot_root, PID 1 has a mount namespace of its own (its /proc/<PID 1>/ns/mnt is not the container '
    + 'process\'s) with a proc mounted on <merged>/proc of the named container\'s overlay, and that proc, read from the '
    + 'host through /proc/<PID 1>/root<merged>/proc, lists PID 1 and only PIDs of processes in PID 1\'s PID namespace.',
  reads: ['/proc/<PID 1>/ns/mnt', '/proc/<container>/ns/mnt', '/proc/<PID 1>/mountinfo', '/proc/<PID 1>/root<merged>/proc (readdir)', '/proc/*/ns/pid', '/proc/*/status NSpid'],
  run: (ctx, { container }) => {
    const pid = init(ctx);
    const { merged } = overlayPaths(ctx.session.dir, container);
    const own = ctx.sys.readlink(`/proc/${pid}/ns/mnt`);
    if (own === ctx.sys.readlink(`/proc/${ctx.builder.pid}/ns/mnt`)) return fail(`PID 1 is still in the container process's mount namespace (${own})`);
    const listed = procListsItsNamespace(ctx.sys, pid, `${merged}/proc`, `${merged}/proc`);
    return listed.ok ? pass(`PID 1's mount namespace ${own}: ${listed.detail}`) : listed;
  },
});

/** Only the container's own mounts: the overlay as "/", and /proc once mounted; nothing of the host's. */
export const initMountsOnlyContainer = defineCheck({
  name: 'init-mounts-only-container',
  params: z.strictObject({ proc: z.boolean() }),
  doc: 'PID 1\'s mount table holds only the container\'s own mounts: its mountinfo lists exactly an overlay on "/" '
    + '(and proc on /proc when proc is true), in that order, and no mount of the host\'s root filesystem (the '
    + 'device of the last "/" line of the helper\'s mountinfo).',
  reads: ['/proc/<PID 1>/mountinfo', '/proc/self/mountinfo'],
  run: (ctx, { proc }) => {
    const pid = init(ctx);
    const mounts = parseMountinfo(ctx.sys.readFile(`/proc/${pid}/mountinfo`));
    const want = proc ? ['/ overlay', '/proc proc'] : ['/ overlay'];
    const got = mounts.map((m) => `${m.mountPoint} ${m.fsType}`);
    const hostRoot = hostRootMount(ctx.sys);
    if (hostRoot && mounts.some((m) => m.majorMinor === hostRoot.majorMinor)) return fail(`the host's root filesystem (${hostRoot.majorMinor}) is still mounted in there`);
    return JSON.stringify(got) === JSON.stringify(want)
      ? pass(`PID 1's mountinfo: ${got.join(', ')}`)
      : fail(`PID 1's mountinfo: ${got.join(', ')}; expected ${want.join(', ')}`);
  },
});

export const initRuns = defineCheck({
  name: 'init-runs',
  params: z.strictObject({ program: z.string().regex(/^\//) }),
  doc: 'PID 1 runs the given program: the process is PID 1 inside (the last NSpid of /proc/<PID 1>/status is 1) and '
    + 'argv[0] of its /proc/<PID 1>/cmdline is the program\'s path, as after exec-init.',
  reads: ['/proc/<PID 1>/cmdline', '/proc/<PID 1>/status NSpid'],
  run: (ctx, { program }) => {
    const pid = init(ctx);
    const argv = ctx.sys.readFile(`/proc/${pid}/cmdline`).split('\0').filter(Boolean);
    const nspid = parseStatus(ctx.sys.readFile(`/proc/${pid}/status`)).nsPids.pop();
    if (nspid !== 1) return fail(`host PID ${pid} is PID ${nspid} inside, not 1`);
    return argv[0] === program
      ? pass(`PID 1 (host PID ${pid}) runs ${argv.join(' ')}`)
      : fail(`PID 1 (host PID ${pid}) runs ${argv.join(' ') || '(nothing)'}, not ${program}`);
  },
});

export const initHostname = defineCheck({
  name: 'init-hostname',
  params: z.strictObject({ equals: z.string().min(1) }),
  doc: 'The hostname in PID 1\'s UTS namespace is the given name: hostname(1) run by the check through '
    + 'nsenter(1) --target <PID 1> --uts (rootless, entering PID 1\'s user namespace first) prints it.',
  reads: ['`nsenter --target <PID 1> --uts -- hostname` (run by the check)'],
  run: (ctx, { equals }) => {
    const user = ctx.rootless ? ['--user', '--preserve-credentials'] : [];
    const r = ctx.sys.runSync(['nsenter', '--target', String(init(ctx)), ...user, '--uts', '--', 'hostname'], { timeoutMs: 5000, log: false });
    if (r.error) throw new Error(`nsenter could not run: ${r.error} (install util-linux)`);
    if (r.status !== 0) throw new Error(`nsenter hostname failed: ${r.stderr.trim()}`);
    const inside = r.stdout.trim();
    return inside === equals ? pass(`hostname in PID 1's UTS namespace: ${inside}`) : fail(`hostname in PID 1's UTS namespace is ${inside}, expected ${equals}`);
  },
});
