// Checks on what the container's PID 1 may do, read from the host's /proc: capability sets, NoNewPrivs and Seccomp, masked and read-only paths.
// PID 1 is the lab's own, or with `name` the first process of that container on the lab's dockerd.
import * as z from 'zod';
import { defineCheck, pass, fail, notHere } from '../steps/define.js';
import { lsmLabel } from '../observe/lsmLabel.js';
import type { LabContext } from '../steps/context.js';
import type { Sys } from '../sys/types.js';
import { CAPABILITY_NAMES } from '../../native/capabilities.js';
import { parseCapabilities, statusValue, type CapSetName } from '../observe/parse/capabilities.js';
import { parseMountinfo } from '../observe/parse/mountinfo.js';
import { processesInNamespace } from './processChecks.js';
import { containerId } from '../steps/params.js';
import { overlayPaths } from '../actions/layersState.js';
import { containerName, inspectContainer, runningPid } from './dockerInspect.js';

/** The host PID of PID 1: the lab's container's, or with `name` that docker container's (State.Pid from `docker inspect`). */
function init(ctx: LabContext, name?: string): number {
  if (name !== undefined) {
    const pid = runningPid(inspectContainer(ctx, name));
    if (typeof pid === 'string') throw new Error(pid);
    return pid;
  }
  if (ctx.initPid === null) throw new Error('the container has no PID 1');
  return ctx.initPid;
}

/** `name`: read the first process of this container on the lab's dockerd instead of the lab's PID 1. */
const dockerName = containerName.optional();
const OF_DOCKER = ' With `name`, PID 1 is the first process of that container on the lab\'s dockerd (State.Pid from `docker inspect`).';

const capName = z.enum(CAPABILITY_NAMES);
const SET_FIELD: Record<string, CapSetName> = { effective: 'CapEff', permitted: 'CapPrm', bounding: 'CapBnd', inheritable: 'CapInh', ambient: 'CapAmb' };

function capsOf(sys: Sys, pid: number | 'self', set: string): string[] {
  const caps = parseCapabilities(sys.readFile(`/proc/${pid}/status`))[SET_FIELD[set]];
  if (!caps) throw new Error(`/proc/${pid}/status has no ${SET_FIELD[set]} line`);
  return caps;
}

export const initCaps = defineCheck({
  name: 'init-caps',
  params: z.strictObject({
    set: z.enum(['effective', 'permitted', 'bounding', 'inheritable', 'ambient']).default('effective'),
    has: z.array(capName).default([]),
    lacks: z.array(capName).default([]),
    /** how many the set holds; host: as many as the same set of the helper, root on the host */
    count: z.union([z.number().int().min(0).max(64), z.literal('host')]).optional(),
    name: dockerName,
  }),
  doc: 'A capability set of the container\'s PID 1, decoded from its /proc/<PID 1>/status line (CapEff, CapPrm, '
    + 'CapBnd, CapInh or CapAmb: a hex mask, bit n for capability n, capabilities(7)): it holds every capability in '
    + '`has`, none in `lacks`, and, with `count`, exactly that many (`host`: as many as the same set of the lab\'s '
    + 'helper, root on the host, read from /proc/self/status; a host may hold fewer than the kernel knows).' + OF_DOCKER,
  reads: ['/proc/<PID 1>/status Cap*', '/proc/self/status Cap* (count: host)', '`docker inspect` State.Pid (with name)'],
  run: (ctx, { set, has, lacks, count, name }) => {
    const pid = init(ctx, name);
    const caps = capsOf(ctx.sys, pid, set);
    const field = SET_FIELD[set];
    const missing = has.filter((c) => !caps.includes(c));
    if (missing.length) return fail(`${field} of PID 1 lacks ${missing.join(', ')} (${caps.length} held)`);
    const extra = lacks.filter((c) => caps.includes(c));
    if (extra.length) return fail(`${field} of PID 1 still holds ${extra.join(', ')} (${caps.length} held)`);
    if (count !== undefined) {
      const want = count === 'host' ? capsOf(ctx.sys, 'self', set).length : count;
      if (caps.length !== want) return fail(`${field} of PID 1 holds ${caps.length} capabilities, expected ${want}${count === 'host' ? ' (as the host\'s root)' : ''}`);
    }
    const shown = caps.length > 16 ? `${caps.length} capabilities` : caps.map((c) => c.slice(4).toLowerCase()).join(' ') || 'none';
    return pass(`${field} of PID 1: ${shown}`);
  },
});

export const initStatus = defineCheck({
  name: 'init-status',
  params: z.strictObject({ field: z.enum(['NoNewPrivs', 'Seccomp', 'Seccomp_filters']), equals: z.union([z.string(), z.number()]), name: dockerName }),
  doc: 'A line of the container\'s PID 1\'s /proc/<PID 1>/status (proc(5)) has the given value: NoNewPrivs 1 once '
    + 'no_new_privs is set, Seccomp 2 in filter mode (0 none, 1 strict), Seccomp_filters the number of filters loaded.' + OF_DOCKER,
  reads: ['/proc/<PID 1>/status', '`docker inspect` State.Pid (with name)'],
  run: (ctx, { field, equals, name }) => {
    const pid = init(ctx, name);
    const value = statusValue(ctx.sys.readFile(`/proc/${pid}/status`), field);
    if (value === null) return fail(`this kernel writes no ${field} line in /proc/${pid}/status`);
    return value === String(equals) ? pass(`/proc/${pid}/status ${field}: ${value}`) : fail(`/proc/${pid}/status ${field}: ${value}, expected ${equals}`);
  },
});

/** Where a container path is in PID 1's mount table: under the container's merged directory before pivot_root, else as it is. */
function wherePath(ctx: LabContext, path: string, container?: string): string {
  return container === undefined ? path : overlayPaths(ctx.session.dir, container).merged + path;
}

const pathParams = z.strictObject({
  path: z.string().regex(/^\/[^\0]*$/),
  /** before pivot_root: read the path under this container's merged directory */
  container: containerId.optional(),
  name: dockerName,
}).refine((p) => p.container === undefined || p.name === undefined, 'give container (the lab\'s, before pivot_root) or name (a docker container), not both');

/** /dev/null: character device 1:3 (devices.txt). */
const DEV_NULL_RDEV = (1 << 8) | 3;

export const initPathMasked = defineCheck({
  name: 'init-path-masked',
  params: pathParams,
  doc: 'A path is masked in the container as runc masks it: PID 1\'s mountinfo has a mount on that path, and the '
    + 'path seen through /proc/<PID 1>/root is the character device 1:3, /dev/null: reads give nothing. With '
    + '`container` (before pivot_root) the path is read under that container\'s merged directory.' + OF_DOCKER,
  reads: ['/proc/<PID 1>/mountinfo', '/proc/<PID 1>/root<path> (stat)', '`docker inspect` State.Pid (with name)'],
  run: (ctx, { path: inside, container, name }) => {
    const pid = init(ctx, name);
    const path = wherePath(ctx, inside, container);
    const mount = parseMountinfo(ctx.sys.readFile(`/proc/${pid}/mountinfo`)).filter((m) => m.mountPoint === path).pop();
    if (!mount) return fail(`nothing is mounted on ${path} in PID 1's mount namespace`);
    const st = ctx.sys.stat(`/proc/${pid}/root${path}`);
    if (!st.isCharacterDevice || st.rdev !== DEV_NULL_RDEV) return fail(`${path} is a mount of ${mount.fsType} ${mount.root}, not /dev/null (1:3)`);
    return pass(`${path} in PID 1's mounts: ${mount.fsType} ${mount.root}, the character device 1:3 (/dev/null)`);
  },
});

export const initPathReadonly = defineCheck({
  name: 'init-path-readonly',
  params: pathParams,
  doc: 'A path is read-only in the container: the last mount on it in PID 1\'s mountinfo has "ro" in its per-mount '
    + 'options (field 6, proc(5)). With `container` (before pivot_root) the path is read under that container\'s '
    + 'merged directory.' + OF_DOCKER,
  reads: ['/proc/<PID 1>/mountinfo', '`docker inspect` State.Pid (with name)'],
  run: (ctx, { path: inside, container, name }) => {
    const pid = init(ctx, name);
    const path = wherePath(ctx, inside, container);
    const mount = parseMountinfo(ctx.sys.readFile(`/proc/${pid}/mountinfo`)).filter((m) => m.mountPoint === path).pop();
    if (!mount) return fail(`nothing is mounted on ${path} in PID 1's mount namespace`);
    return mount.mountOptions.split(',').includes('ro')
      ? pass(`${path}: ${mount.fsType} mounted ${mount.mountOptions}`)
      : fail(`${path}: ${mount.fsType} mounted ${mount.mountOptions}, not read-only`);
  },
});

const HELD = ['CapBnd', 'CapEff', 'NoNewPrivs', 'Seccomp'] as const;

export const containerProcessConfined = defineCheck({
  name: 'container-process-confined',
  params: z.strictObject({
    comm: z.string().min(1).max(15),
    /** the /proc/<pid>/status lines that must read as PID 1's */
    same: z.array(z.enum(HELD)).min(1).default([...HELD]),
  }),
  doc: 'A process of that name runs in the container\'s PID namespace besides PID 1, and is held as PID 1 is: the '
    + '/proc/<pid>/status lines in `same` (default CapBnd, CapEff, NoNewPrivs and Seccomp) read as in PID 1\'s. A '
    + 'process nsenter(1) started from the host has the host\'s capabilities and no filter; a child of PID 1 '
    + 'inherits all four across fork(2) and execve(2). A zombie (State Z or X) has ended and does not count.',
  reads: ['/proc/*/ns/pid', '/proc/<pid>/comm', '/proc/<pid>/status', '/proc/<PID 1>/status'],
  run: (ctx, { comm, same }) => {
    const pid = init(ctx);
    const fields = (p: number): Record<string, string | null> => {
      const status = ctx.sys.readFile(`/proc/${p}/status`);
      return Object.fromEntries(same.map((f) => [f, statusValue(status, f)]));
    };
    const want = fields(pid);
    const found = processesInNamespace(ctx.sys.readlink(`/proc/${pid}/ns/pid`), ctx.sys)
      .filter((p) => p.hostPid !== pid)
      .flatMap((p) => {
        try {
          if (ctx.sys.readFile(`/proc/${p.hostPid}/comm`).trim() !== comm) return [];
          // a zombie has ended: a killed attempt whose parent has not reaped it yet (proc(5): State Z, X)
          if (/^[ZX]/.test(statusValue(ctx.sys.readFile(`/proc/${p.hostPid}/status`), 'State') ?? '')) return [];
          return [{ ...p, got: fields(p.hostPid) }];
        } catch {
          return []; // exited while we looked
        }
      });
    if (!found.length) return fail(`no ${comm} in the container's PID namespace`);
    const held = found.find((p) => same.every((k) => p.got[k] === want[k]));
    if (held) return pass(`${comm} (host PID ${held.hostPid}, PID ${held.inside} inside): ${same.map((k) => `${k} ${want[k]}`).join(', ')}, as PID 1`);
    const p = found[0];
    const differs = same.filter((k) => p.got[k] !== want[k]).map((k) => `${k} ${p.got[k]} (PID 1: ${want[k]})`);
    return fail(`${comm} (host PID ${p.hostPid}) is not held as PID 1 is: ${differs.join(', ')}`);
  },
});

export const initLsmLabel = defineCheck({
  name: 'init-lsm-label',
  params: z.strictObject({}),
  doc: 'PID 1 has an LSM label: /proc/<PID 1>/attr/current reads an AppArmor profile or an SELinux context (it fails '
    + 'when the file is empty). On a host where no LSM labels processes the read fails with EINVAL and the check is '
    + 'not read here.',
  reads: ['/proc/<PID 1>/attr/current'],
  run: (ctx) => {
    const pid = init(ctx);
    const found = lsmLabel(ctx.sys, pid);
    if ('none' in found) return notHere(found.none);
    return found.label ? pass(`PID 1's label: ${found.label}`) : fail(`/proc/${pid}/attr/current is empty`);
  },
});
