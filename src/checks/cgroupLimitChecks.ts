// Checks on the container's cgroup limits, read from /proc/<pid>/cgroup and the cgroup files
// themselves (not through the lab's driver), under each host's real file names, all through ctx.sys.
import * as z from 'zod';
import { join } from 'node:path';
import { defineCheck, pass, fail } from '../steps/define.js';
import { size } from '../steps/params.js';
import type { LabContext } from '../steps/context.js';
import { cgroupCheckNotHere, lastHog } from '../actions/cgroupState.js';
import { parseMountinfo } from '../observe/parse/mountinfo.js';
import { parseCgroupKeyValue, parseProcCgroup } from '../observe/parse/cgroup.js';
import { cgroupDirFor, detectCgroupLayout } from '../observe/parse/cgroupLayout.js';
import { parseSize, mib } from '../cgroup/size.js';

export type Controller = 'memory' | 'cpu' | 'cpuacct' | 'pids';

/** Where a process's files for a controller are, from its /proc/<pid>/cgroup and the helper's mounts. */
export function where(ctx: LabContext, pid: number, controller: Controller): { dir: string; v2: boolean } {
  const mounts = parseMountinfo(ctx.sys.readFile('/proc/self/mountinfo'));
  const v2 = detectCgroupLayout(mounts).mode === 'v2';
  const dir = cgroupDirFor(mounts, parseProcCgroup(ctx.sys.readFile(`/proc/${pid}/cgroup`)), v2 ? null : controller);
  if (dir === null) throw new Error(`no ${controller} cgroup directory for PID ${pid}`);
  return { dir, v2 };
}

export function read(ctx: LabContext, dir: string, name: string): string {
  return ctx.sys.readFile(join(dir, name)).trim();
}

function has(ctx: LabContext, dir: string, name: string): boolean {
  return ctx.sys.exists(join(dir, name));
}

export function key(ctx: LabContext, dir: string, name: string, k: string): number {
  const v = parseCgroupKeyValue(read(ctx, dir, name))[k];
  if (v === undefined) throw new Error(`${join(dir, name)} has no ${k}`);
  return v;
}

function containerPids(ctx: LabContext): number[] {
  return [ctx.builder.pid, ...(ctx.initPid !== null && ctx.sys.exists(`/proc/${ctx.initPid}`) ? [ctx.initPid] : [])];
}

export const inLabCgroup = defineCheck({
  name: 'in-lab-cgroup',
  params: z.strictObject({}),
  doc: 'The container process, and PID 1 if it runs, are in a cgroup of the lab\'s: for the memory, cpu and pids '
    + 'controllers, the directory its /proc/<pid>/cgroup names (under the cgroup mounts of the helper\'s '
    + '/proc/self/mountinfo) is a container-lab-… one, and that directory\'s cgroup.procs lists the PID. On v2 one '
    + 'directory holds every controller; on v1 each controller\'s hierarchy is looked at. Rootless where join-cgroup made no cgroup (nothing delegated), it is not read and says why (shown as –).',
  reads: ['/proc/self/mountinfo', '/proc/<container>/cgroup', '/proc/<PID 1>/cgroup', 'cgroup.procs'],
  run: (ctx) => {
    const notHere = cgroupCheckNotHere(ctx);
    if (notHere) return notHere;
    const controllers: Controller[] = ['memory', 'cpu', 'pids'];
    const seen: string[] = [];
    for (const pid of containerPids(ctx)) {
      for (const c of controllers) {
        const { dir, v2 } = where(ctx, pid, c);
        if (!dir.split('/').some((p) => p.startsWith('container-lab-'))) return fail(`PID ${pid} is in ${dir} for ${c}, not a lab cgroup`);
        if (!read(ctx, dir, 'cgroup.procs').split('\n').includes(String(pid))) return fail(`${dir}/cgroup.procs does not list ${pid}`);
        if (v2) break;
        seen.push(c);
      }
    }
    const lines = ctx.sys.readFile(`/proc/${ctx.builder.pid}/cgroup`).split('\n').filter((l) => l.includes('container-lab-'));
    const line = lines.find((l) => /:memory:/.test(l)) ?? lines[0] ?? '';
    const hierarchies = seen.length ? ` of the ${[...new Set(seen)].join(', ')} hierarchies` : '';
    return pass(`host PIDs ${containerPids(ctx).join(', ')} are in cgroup.procs${hierarchies}; /proc/${ctx.builder.pid}/cgroup: ${line}`);
  },
});

export const memoryLimitIs = defineCheck({
  name: 'memory-limit-is',
  params: z.strictObject({ limit: size }),
  doc: 'The container\'s memory cgroup holds exactly this limit in bytes: memory.max on v2, memory.limit_in_bytes '
    + 'on v1. Where the kernel has the swap file beside it, it allows no swap on top: memory.swap.max is 0 on v2, '
    + 'memory.memsw.limit_in_bytes (memory + swap) equals the limit on v1. Rootless where join-cgroup made no cgroup (nothing delegated), it is not read and says why (shown as –).',
  reads: ['/proc/<container>/cgroup', 'memory.max, memory.swap.max (v2)', 'memory.limit_in_bytes, memory.memsw.limit_in_bytes (v1)'],
  run: (ctx, { limit }) => {
    const notHere = cgroupCheckNotHere(ctx);
    if (notHere) return notHere;
    const bytes = String(parseSize(limit));
    const { dir, v2 } = where(ctx, ctx.builder.pid, 'memory');
    const [main, swap, swapWant] = v2 ? ['memory.max', 'memory.swap.max', '0'] : ['memory.limit_in_bytes', 'memory.memsw.limit_in_bytes', bytes];
    const value = read(ctx, dir, main);
    if (value !== bytes) return fail(`${main} is ${value}, expected ${bytes}`);
    const withSwap = has(ctx, dir, swap);
    if (withSwap && read(ctx, dir, swap) !== swapWant) return fail(`${swap} is ${read(ctx, dir, swap)}, expected ${swapWant}`);
    return pass(`${main} = ${value}${withSwap ? `, ${swap} = ${swapWant}` : ''}`);
  },
});

export const oomKills = defineCheck({
  name: 'oom-kills',
  params: z.strictObject({ atLeast: z.number().int().min(0).default(1) }),
  doc: 'The kernel\'s OOM killer killed at least atLeast tasks in the container\'s memory cgroup: the oom_kill '
    + 'counter of memory.events on v2, of memory.oom_control on v1 (there since Linux 4.13).',
  reads: ['memory.events oom_kill (v2)', 'memory.oom_control oom_kill (v1)'],
  run: (ctx, { atLeast }) => {
    const { dir, v2 } = where(ctx, ctx.builder.pid, 'memory');
    const file = v2 ? 'memory.events' : 'memory.oom_control';
    const n = key(ctx, dir, file, 'oom_kill');
    return n >= atLeast ? pass(`${file}: oom_kill ${n}`) : fail(`${file}: oom_kill ${n}, expected at least ${atLeast}`);
  },
});

/** Gone, or a zombie (Z) or dead (X) not yet reaped: proc(5) State. */
function isGone(ctx: LabContext, pid: number): boolean {
  try {
    return /^State:\s+[ZX]/m.test(ctx.sys.readFile(`/proc/${pid}/status`));
  } catch {
    return true;
  }
}

export const hogSignal = defineCheck({
  name: 'hog-signal',
  params: z.strictObject({ signal: z.string().regex(/^SIG[A-Z0-9]+$/) }),
  doc: 'The last hog ended by this signal and is gone: the signal is the one in the wait status the container '
    + 'process got for it (SIGKILL when the OOM killer ended it), and its host PID has no /proc/<pid>/status any '
    + 'more, or one whose State is Z or X. Fails when no hog has run in this lesson.',
  reads: ['the last hog\'s wait status (kept by its step)', '/proc/<hog>/status State'],
  run: (ctx, { signal }) => {
    const hog = lastHog(ctx);
    if (!hog || hog.pid === null) return fail('no hog has run in this container');
    if (hog.signal !== signal) return fail(`the hog (host PID ${hog.pid}) ended with ${hog.signal ?? `exit status ${hog.status}`}, not ${signal}`);
    return isGone(ctx, hog.pid) ? pass(`host PID ${hog.pid} was killed by ${signal} (wait status) and is gone`) : fail(`host PID ${hog.pid} is still running`);
  },
});

export const memoryPeakWithinLimit = defineCheck({
  name: 'memory-peak-within-limit',
  params: z.strictObject({}),
  doc: 'The container\'s memory usage went up to its limit but not over it: the kernel\'s high-water mark '
    + '(memory.peak on v2, from Linux 5.19; memory.max_usage_in_bytes on v1) is at most memory.max / '
    + 'memory.limit_in_bytes and at least half of it. On a v2 kernel without memory.peak it takes the highest '
    + 'memory.current the last hog step sampled instead. Fails when there is no limit.',
  reads: ['memory.max, memory.peak (v2)', 'memory.limit_in_bytes, memory.max_usage_in_bytes (v1)', 'the last hog\'s samples of memory.current (v2 before 5.19)'],
  run: (ctx) => {
    const { dir, v2 } = where(ctx, ctx.builder.pid, 'memory');
    const limitFile = v2 ? 'memory.max' : 'memory.limit_in_bytes';
    const limit = Number(read(ctx, dir, limitFile));
    if (!Number.isFinite(limit)) return fail(`${limitFile} is ${read(ctx, dir, limitFile)}: no limit`);
    // memory.peak came in Linux 5.19; before it, only the samples taken while the hog ran.
    const peakFile = v2 ? (has(ctx, dir, 'memory.peak') ? 'memory.peak' : null) : 'memory.max_usage_in_bytes';
    const peak = peakFile ? Number(read(ctx, dir, peakFile)) : Math.max(0, ...(lastHog(ctx)?.samples ?? []));
    const source = peakFile ?? 'the highest memory.current sampled';
    if (peak > limit) return fail(`${source}: ${peak} > ${limitFile} ${limit}`);
    if (peak < limit / 2) return fail(`${source}: ${mib(peak)}, not even half the ${mib(limit)} limit: the hog did not fill it`);
    return pass(`${source}: ${mib(peak)} ≤ ${limitFile} ${mib(limit)}`);
  },
});

export const cpuQuotaIs = defineCheck({
  name: 'cpu-quota-is',
  params: z.strictObject({ quotaUs: z.number().int().min(1000), periodUs: z.number().int().min(1000).default(100000) }),
  doc: 'The container\'s cpu cgroup holds exactly this quota and period: cpu.max reads "<quotaUs> <periodUs>" on '
    + 'v2; cpu.cfs_quota_us and cpu.cfs_period_us hold them on v1.',
  reads: ['cpu.max (v2)', 'cpu.cfs_quota_us, cpu.cfs_period_us (v1)'],
  run: (ctx, { quotaUs, periodUs }) => {
    const { dir, v2 } = where(ctx, ctx.builder.pid, 'cpu');
    if (v2) {
      const value = read(ctx, dir, 'cpu.max');
      return value === `${quotaUs} ${periodUs}` ? pass(`cpu.max = ${value}`) : fail(`cpu.max is ${value}, expected ${quotaUs} ${periodUs}`);
    }
    const q = read(ctx, dir, 'cpu.cfs_quota_us');
    const p = read(ctx, dir, 'cpu.cfs_period_us');
    return q === String(quotaUs) && p === String(periodUs)
      ? pass(`cpu.cfs_quota_us = ${q}, cpu.cfs_period_us = ${p}`)
      : fail(`cpu.cfs_quota_us ${q}, cpu.cfs_period_us ${p}; expected ${quotaUs}, ${periodUs}`);
  },
});

export const cpuThrottled = defineCheck({
  name: 'cpu-throttled',
  params: z.strictObject({}),
  doc: 'The scheduler throttled the container\'s cgroup for running out of quota: in its cpu.stat, nr_throttled '
    + 'and the time throttled (throttled_usec on v2, throttled_time in ns on v1) are both above 0.',
  reads: ['cpu.stat nr_periods, nr_throttled, throttled_usec (v2) or throttled_time (v1)'],
  run: (ctx) => {
    const { dir, v2 } = where(ctx, ctx.builder.pid, 'cpu');
    const periods = key(ctx, dir, 'cpu.stat', 'nr_periods');
    const throttled = key(ctx, dir, 'cpu.stat', 'nr_throttled');
    const timeKey = v2 ? 'throttled_usec' : 'throttled_time';
    const time = key(ctx, dir, 'cpu.stat', timeKey);
    return throttled > 0 && time > 0
      ? pass(`cpu.stat: nr_throttled ${throttled} of nr_periods ${periods}, ${timeKey} ${time}`)
      : fail(`cpu.stat: nr_throttled ${throttled}, ${timeKey} ${time}`);
  },
});

/** CPU time the cgroup used while the hog ran ÷ wall time: the helper timed the run, the kernel counted the CPU. */
export const cpuShare = defineCheck({
  name: 'cpu-share',
  params: z.strictObject({ min: z.number().min(0).max(100), max: z.number().min(0).max(10000) }),
  doc: 'The last busy loop got between min and max % of one CPU: the CPU time the container\'s cgroup has used '
    + 'since just before the loop started (cpu.stat usage_usec on v2; cpuacct.usage, in ns, on v1, which may be a '
    + 'hierarchy of its own), divided by the wall time the helper measured around the loop. Fails when no busy '
    + 'loop has run in this lesson.',
  reads: ['cpu.stat usage_usec (v2)', 'cpuacct.usage (v1)', 'the last busy loop\'s start, end and CPU time before it (kept by its step)'],
  run: (ctx, { min, max }) => {
    const hog = lastHog(ctx);
    if (!hog || hog.kind !== 'cpu') return fail('no busy loop has run in this container');
    const { dir, v2 } = cpuUsageDir(ctx, ctx.builder.pid);
    const usageUs = v2 ? key(ctx, dir, 'cpu.stat', 'usage_usec') : Number(read(ctx, dir, 'cpuacct.usage')) / 1000;
    const wallUs = (hog.endedAt - hog.startedAt) * 1000;
    const share = ((usageUs - hog.cpuBeforeUs) / wallUs) * 100;
    const text = `${((usageUs - hog.cpuBeforeUs) / 1000).toFixed(0)} ms of CPU in ${(wallUs / 1000).toFixed(0)} ms: ${share.toFixed(1)}%`;
    return share >= min && share <= max ? pass(`${text} (expected ${min}–${max}%)`) : fail(`${text}, outside ${min}–${max}%`);
  },
});

/** v2 counts CPU time in cpu.stat; v1 in cpuacct.usage, which may be a hierarchy of its own. */
function cpuUsageDir(ctx: LabContext, pid: number): { dir: string; v2: boolean } {
  const cpu = where(ctx, pid, 'cpu');
  return cpu.v2 ? cpu : where(ctx, pid, 'cpuacct');
}

export const pidsMaxIs = defineCheck({
  name: 'pids-max-is',
  params: z.strictObject({ max: z.number().int().min(1) }),
  doc: 'The container\'s pids cgroup allows exactly this many tasks: its pids.max (the same file on v1 and v2) '
    + 'reads max. Rootless where join-cgroup made no cgroup (nothing delegated), it is not read and says why (shown as –).',
  reads: ['pids.max'],
  run: (ctx, { max }) => {
    const notHere = cgroupCheckNotHere(ctx);
    if (notHere) return notHere;
    const { dir } = where(ctx, ctx.builder.pid, 'pids');
    const value = read(ctx, dir, 'pids.max');
    return value === String(max) ? pass(`pids.max = ${value}`) : fail(`pids.max is ${value}, expected ${max}`);
  },
});

export const forkRefused = defineCheck({
  name: 'fork-refused',
  params: z.strictObject({ errno: z.string().regex(/^E[A-Z]+$/).default('EAGAIN') }),
  doc: 'The pids controller refused a fork in the container\'s cgroup, and the fork loop saw it: pids.events '
    + 'counts at least one "max" event, and a line the last fork loop printed names this errno (EAGAIN is what '
    + 'fork(2) returns at pids.max).',
  reads: ['pids.events max', 'the last fork loop\'s stdout (kept by its step)'],
  run: (ctx, { errno }) => {
    const { dir } = where(ctx, ctx.builder.pid, 'pids');
    const refused = key(ctx, dir, 'pids.events', 'max');
    const hog = lastHog(ctx);
    const said = hog?.kind === 'forks' ? hog.stdout.find((l) => l.includes(errno)) : undefined;
    if (refused < 1) return fail(`pids.events: max ${refused}: no fork was refused`);
    if (!said) return fail(`pids.events: max ${refused}, but the fork loop did not report ${errno}`);
    return pass(`pids.events: max ${refused}; the loop saw "${said.trim()}"`);
  },
});

export const pidsWithinLimit = defineCheck({
  name: 'pids-within-limit',
  params: z.strictObject({}),
  doc: 'The container\'s task count never went over pids.max: pids.current now, and the highest pids.current the '
    + 'helper sampled while the last fork loop ran, are at most pids.max. Fails when pids.max is "max" (no limit).',
  reads: ['pids.max', 'pids.current', 'the last fork loop\'s samples of pids.current (kept by its step)'],
  run: (ctx) => {
    const { dir } = where(ctx, ctx.builder.pid, 'pids');
    const max = Number(read(ctx, dir, 'pids.max'));
    const current = Number(read(ctx, dir, 'pids.current'));
    const hog = lastHog(ctx);
    const highest = Math.max(current, ...(hog?.kind === 'forks' ? hog.samples : []));
    if (!Number.isFinite(max)) return fail('pids.max is max: no limit');
    return highest <= max
      ? pass(`pids.current ${current} now, at most ${highest} while the loop ran; pids.max ${max}`)
      : fail(`pids.current reached ${highest} > pids.max ${max}`);
  },
});
