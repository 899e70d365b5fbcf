// Checks for the chain lesson: runc was caught and is gone, the bundle matches the kernel, the hops were timed.
import { z } from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import { readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { RuntimeConfig } from '../chain/bundleSummary.js';
import { isRunning } from '../observe/procState.js';


export const runcCaught = defineCheck({
  name: 'runc-caught',
  params: z.strictObject({}),
  doc: 'the timeline caught a runc process (create or start) that has exited since (read from /proc)',
  reads: [],
  run: (ctx) => {
    // runc's own runs (create, start, delete); not its init, which becomes the container's PID 1
    const runc = (ctx.chain?.view.timeline?.entries ?? []).filter((e) => /^runc (create|start|delete|kill|state)/.test(e.label) && e.pid !== undefined);
    if (runc.length === 0) return fail('the timeline has no runc process');
    const stillAlive = runc.filter((e) => isRunning(e.pid!));
    if (stillAlive.length > 0) return fail(`runc ${stillAlive.map((e) => e.pid).join(', ')} still runs (/proc)`);
    return pass(runc.map((e) => `${e.label} pid ${e.pid} (+${Math.round(e.at)} ms, gone now)`).join('; '));
  },
});

const NS_FILE: Record<string, string> = { pid: 'pid', mount: 'mnt', uts: 'uts', ipc: 'ipc', network: 'net', cgroup: 'cgroup', user: 'user' };

export const bundleMatches = defineCheck({
  name: 'bundle-matches',
  params: z.strictObject({ namespace: z.string().default('moby') }),
  doc: 'config.json of the running container matches the kernel: its args, its namespaces, its cgroup',
  reads: [],
  run: (ctx, { namespace }) => {
    const c = ctx.chain?.container;
    if (!c?.pid) return fail('no running container to compare with');
    const state = join(ctx.session.dir, 'containerd', 'state', 'io.containerd.runtime.v2.task', namespace, c.id, 'config.json');
    const config = JSON.parse(readFileSync(state, 'utf8')) as RuntimeConfig;
    const cmdline = readFileSync(`/proc/${c.pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    if (JSON.stringify(cmdline) !== JSON.stringify(config.process?.args)) return fail(`process.args ${JSON.stringify(config.process?.args)} but /proc/${c.pid}/cmdline is ${JSON.stringify(cmdline)}`);
    const differ: string[] = [];
    for (const n of config.linux?.namespaces ?? []) {
      const file = NS_FILE[n.type ?? ''];
      if (!file || n.path) continue;
      const mine = readlinkSync(`/proc/${c.pid}/ns/${file}`);
      const host = readlinkSync(`/proc/self/ns/${file}`);
      if (mine === host) return fail(`config.json asks for a new ${n.type} namespace, but ${c.pid} shares the host's`);
      differ.push(file);
    }
    const cgroupsPath = config.linux?.cgroupsPath ?? '';
    const leaf = cgroupsPath.split(/[/:]/).filter(Boolean).pop() ?? '';
    if (leaf && !readFileSync(`/proc/${c.pid}/cgroup`, 'utf8').includes(leaf)) return fail(`${c.pid} is not in ${cgroupsPath}`);
    return pass(`args ${JSON.stringify(cmdline)}, own ${differ.join(' ')}, cgroup …/${leaf.slice(0, 12)}`);
  },
});

export const hopsMeasured = defineCheck({
  name: 'hops-measured',
  params: z.strictObject({ atLeast: z.number().int().min(1).default(6) }),
  doc: 'every hop of the run was timed, and they add up to the CLI\'s own time',
  reads: [],
  run: (ctx, { atLeast }) => {
    const bars = ctx.chain?.view.hops?.bars ?? [];
    if (bars.length < atLeast) return fail(`${bars.length} hops timed, fewer than ${atLeast}: ${bars.map((b) => b.label).join(', ')}`);
    const sum = bars.reduce((n, b) => n + b.ms, 0);
    return pass(`${bars.length} hops, ${Math.round(sum)} ms in all; longest: ${[...bars].sort((a, b) => b.ms - a.ms)[0].label}`);
  },
});
