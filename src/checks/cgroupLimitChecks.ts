// Checks on the container's cgroup limits, read from /proc/<pid>/cgroup and the cgroup files
import { z } from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import { size } from '../steps/params.js';
// themselves (not through the lab's driver), under each host's real file names.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabContext } from '../steps/context.js';
import { parseMountinfo } from '../observe/parse/mountinfo.js';
import { parseCgroupKeyValue, parseProcCgroup } from '../observe/parse/cgroup.js';
import { cgroupDirFor, detectCgroupLayout } from '../observe/parse/cgroupLayout.js';
import { parseSize, mib } from '../cgroup/size.js';

type Controller = 'memory' | 'cpu' | 'cpuacct' | 'pids';

/** Where a process's files for a controller are, from its /proc/<pid>/cgroup and the host's mounts. */
function where(pid: number, controller: Controller): { dir: string; v2: boolean } {
  const mounts = parseMountinfo(readFileSync('/proc/self/mountinfo', 'utf8'));
  const v2 = detectCgroupLayout(mounts).mode === 'v2';
  const dir = cgroupDirFor(mounts, parseProcCgroup(readFileSync(`/proc/${pid}/cgroup`, 'utf8')), v2 ? null : controller);
  if (dir === null) throw new Error(`no ${controller} cgroup directory for PID ${pid}`);
  return { dir, v2 };
}

function read(dir: string, name: string): string {
  return readFileSync(join(dir, name), 'utf8').trim();
}

function key(dir: string, name: string, k: string): number {
  const v = parseCgroupKeyValue(read(dir, name))[k];
  if (v === undefined) throw new Error(`${join(dir, name)} has no ${k}`);
  return v;
}

function containerPids(ctx: LabContext): number[] {
  return [ctx.builder.pid, ...(ctx.initPid !== null && existsSync(`/proc/${ctx.initPid}`) ? [ctx.initPid] : [])];
}

export const inLabCgroup = defineCheck({
  name: 'in-lab-cgroup',
  params: z.strictObject({}),
  doc: '',
  reads: [],
  run: (ctx) => {
    const controllers: Controller[] = ['memory', 'cpu', 'pids'];
    const seen: string[] = [];
    for (const pid of containerPids(ctx)) {
      for (const c of controllers) {
        const { dir, v2 } = where(pid, c);
        if (!dir.split('/').some((p) => p.startsWith('container-lab-'))) return fail(`PID ${pid} is in ${dir} for ${c}, not a lab cgroup`);
        if (!read(dir, 'cgroup.procs').split('\n').includes(String(pid))) return fail(`${dir}/cgroup.procs does not list ${pid}`);
        if (v2) break;
        seen.push(c);
      }
    }
    const lines = readFileSync(`/proc/${ctx.builder.pid}/cgroup`, 'utf8').split('\n').filter((l) => l.includes('container-lab-'));
    const line = lines.find((l) => /:memory:/.test(l)) ?? lines[0] ?? '';
    const hierarchies = seen.length ? ` of the ${[...new Set(seen)].join(', ')} hierarchies` : '';
    return pass(`host PIDs ${containerPids(ctx).join(', ')} are in cgroup.procs${hierarchies}; /proc/${ctx.builder.pid}/cgroup: ${line}`);
  },
});

export const memoryLimitIs = defineCheck({
  name: 'memory-limit-is',
  params: z.strictObject({ limit: size }),
  doc: '',
  reads: [],
  run: (ctx, { limit }) => {
    const bytes = String(parseSize(limit));
    const { dir, v2 } = where(ctx.builder.pid, 'memory');
    const [main, swap, swapWant] = v2 ? ['memory.max', 'memory.swap.max', '0'] : ['memory.limit_in_bytes', 'memory.memsw.limit_in_bytes', bytes];
    const value = read(dir, main);
    if (value !== bytes) return fail(`${main} is ${value}, expected ${bytes}`);
    if (existsSync(join(dir, swap)) && read(dir, swap) !== swapWant) return fail(`${swap} is ${read(dir, swap)}, expected ${swapWant}`);
    return pass(`${main} = ${value}${existsSync(join(dir, swap)) ? `, ${swap} = ${swapWant}` : ''}`);
  },
});

export const oomKills = defineCheck({
  name: 'oom-kills',
  params: z.strictObject({ atLeast: z.number().int().min(0).default(1) }),
  doc: '',
  reads: [],
  run: (ctx, { atLeast }) => {
    const { dir, v2 } = where(ctx.builder.pid, 'memory');
    const file = v2 ? 'memory.events' : 'memory.oom_control';
    const n = key(dir, file, 'oom_kill');
    return n >= atLeast ? pass(`${file}: oom_kill ${n}`) : fail(`${file}: oom_kill ${n}, expected at least ${atLeast}`);
  },
});

export const hogSignal = defineCheck({
  name: 'hog-signal',
  params: z.strictObject({ signal: z.string().regex(/^SIG[A-Z0-9]+$/) }),
  doc: '',
  reads: [],
  run: (ctx, { signal }) => {
    const hog = ctx.lastHog;
    if (!hog || hog.pid === null) return fail('no hog has run in this container');
    if (hog.signal !== signal) return fail(`the hog (host PID ${hog.pid}) ended with ${hog.signal ?? `exit status ${hog.status}`}, not ${signal}`);
    const gone = !existsSync(`/proc/${hog.pid}`) || /^State:\s+[ZX]/m.test(readFileSync(`/proc/${hog.pid}/status`, 'utf8'));
    return gone ? pass(`host PID ${hog.pid} was killed by ${signal} (wait status) and is gone`) : fail(`host PID ${hog.pid} is still running`);
  },
});

export const memoryPeakWithinLimit = defineCheck({
  name: 'memory-peak-within-limit',
  params: z.strictObject({}),
  doc: '',
  reads: [],
  run: (ctx) => {
    const { dir, v2 } = where(ctx.builder.pid, 'memory');
    const limitFile = v2 ? 'memory.max' : 'memory.limit_in_bytes';
    const limit = Number(read(dir, limitFile));
    if (!Number.isFinite(limit)) return fail(`${limitFile} is ${read(dir, limitFile)}: no limit`);
    // memory.peak came in Linux 5.19; before it, only the samples taken while the hog ran.
    const peakFile = v2 ? (existsSync(join(dir, 'memory.peak')) ? 'memory.peak' : null) : 'memory.max_usage_in_bytes';
    const peak = peakFile ? Number(read(dir, peakFile)) : Math.max(0, ...(ctx.lastHog?.samples ?? []));
    const source = peakFile ?? 'the highest memory.current sampled';
    if (peak > limit) return fail(`${source}: ${peak} > ${limitFile} ${limit}`);
    if (peak < limit / 2) return fail(`${source}: ${mib(peak)}, not even half the ${mib(limit)} limit: the hog did not fill it`);
    return pass(`${source}: ${mib(peak)} ≤ ${limitFile} ${mib(limit)}`);
  },
});

export const cpuQuotaIs = defineCheck({
  name: 'cpu-quota-is',
  params: z.strictObject({ quotaUs: z.number().int().min(1000), periodUs: z.number().int().min(1000).default(100000) }),
  doc: '',
  reads: [],
  run: (ctx, { quotaUs, periodUs }) => {
    const { dir, v2 } = where(ctx.builder.pid, 'cpu');
    if (v2) {
      const value = read(dir, 'cpu.max');
      return value === `${quotaUs} ${periodUs}` ? pass(`cpu.max = ${value}`) : fail(`cpu.max is ${value}, expected ${quotaUs} ${periodUs}`);
    }
    const q = read(dir, 'cpu.cfs_quota_us');
    const p = read(dir, 'cpu.cfs_period_us');
    return q === String(quotaUs) && p === String(periodUs)
      ? pass(`cpu.cfs_quota_us = ${q}, cpu.cfs_period_us = ${p}`)
      : fail(`cpu.cfs_quota_us ${q}, cpu.cfs_period_us ${p}; expected ${quotaUs}, ${periodUs}`);
  },
});

export const cpuThrottled = defineCheck({
  name: 'cpu-throttled',
  params: z.strictObject({}),
  doc: '',
  reads: [],
  run: (ctx) => {
    const { dir, v2 } = where(ctx.builder.pid, 'cpu');
    const periods = key(dir, 'cpu.stat', 'nr_periods');
    const throttled = key(dir, 'cpu.stat', 'nr_throttled');
    const timeKey = v2 ? 'throttled_usec' : 'throttled_time';
    const time = key(dir, 'cpu.stat', timeKey);
    return throttled > 0 && time > 0
      ? pass(`cpu.stat: nr_throttled ${throttled} of nr_periods ${periods}, ${timeKey} ${time}`)
      : fail(`cpu.stat: nr_throttled ${throttled}, ${timeKey} ${time}`);
  },
});

/** CPU time the cgroup used while the hog ran ÷ wall time: the helper timed the run, the kernel counted the CPU. */
export const cpuShare = defineCheck({
  name: 'cpu-share',
  params: z.strictObject({ min: z.number().min(0).max(100), max: z.number().min(0).max(10000) }),
  doc: '',
  reads: [],
  run: (ctx, { min, max }) => {
    const hog = ctx.lastHog;
    if (!hog || hog.kind !== 'cpu') return fail('no busy loop has run in this container');
    const { dir, v2 } = cpuUsageDir(ctx.builder.pid);
    const usageUs = v2 ? key(dir, 'cpu.stat', 'usage_usec') : Number(read(dir, 'cpuacct.usage')) / 1000;
    const wallUs = (hog.endedAt - hog.startedAt) * 1000;
    const share = ((usageUs - hog.cpuBeforeUs) / wallUs) * 100;
    const text = `${((usageUs - hog.cpuBeforeUs) / 1000).toFixed(0)} ms of CPU in ${(wallUs / 1000).toFixed(0)} ms: ${share.toFixed(1)}%`;
    return share >= min && share <= max ? pass(`${text} (expected ${min}–${max}%)`) : fail(`${text}, outside ${min}–${max}%`);
  },
});

/** v2 counts CPU time in cpu.stat; v1 in cpuacct.usage, which may be a hierarchy of its own. */
function cpuUsageDir(pid: number): { dir: string; v2: boolean } {
  const cpu = where(pid, 'cpu');
  return cpu.v2 ? cpu : where(pid, 'cpuacct');
}

export const pidsMaxIs = defineCheck({
  name: 'pids-max-is',
  params: z.strictObject({ max: z.number().int().min(1) }),
  doc: '',
  reads: [],
  run: (ctx, { max }) => {
    const { dir } = where(ctx.builder.pid, 'pids');
    const value = read(dir, 'pids.max');
    return value === String(max) ? pass(`pids.max = ${value}`) : fail(`pids.max is ${value}, expected ${max}`);
  },
});

export const forkRefused = defineCheck({
  name: 'fork-refused',
  params: z.strictObject({ errno: z.string().regex(/^E[A-Z]+$/).default('EAGAIN') }),
  doc: '',
  reads: [],
  run: (ctx, { errno }) => {
    const { dir } = where(ctx.builder.pid, 'pids');
    const refused = key(dir, 'pids.events', 'max');
    const said = ctx.lastHog?.kind === 'forks' ? ctx.lastHog.stdout.find((l) => l.includes(errno)) : undefined;
    if (refused < 1) return fail(`pids.events: max ${refused}: no fork was refused`);
    if (!said) return fail(`pids.events: max ${refused}, but the fork loop did not report ${errno}`);
    return pass(`pids.events: max ${refused}; the loop saw "${said.trim()}"`);
  },
});

export const pidsWithinLimit = defineCheck({
  name: 'pids-within-limit',
  params: z.strictObject({}),
  doc: '',
  reads: [],
  run: (ctx) => {
    const { dir } = where(ctx.builder.pid, 'pids');
    const max = Number(read(dir, 'pids.max'));
    const current = Number(read(dir, 'pids.current'));
    const highest = Math.max(current, ...(ctx.lastHog?.kind === 'forks' ? ctx.lastHog.samples : []));
    if (!Number.isFinite(max)) return fail('pids.max is max: no limit');
    return highest <= max
      ? pass(`pids.current ${current} now, at most ${highest} while the loop ran; pids.max ${max}`)
      : fail(`pids.current reached ${highest} > pids.max ${max}`);
  },
});
