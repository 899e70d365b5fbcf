// Checks for the chain lesson: runc was caught and is gone, the bundle matches the kernel, the hops were timed.
import { z } from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import { join } from 'node:path';
import { liveProc } from '../chain/procRead.js';
import { chainIfMade } from '../actions/chainState.js';
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
        if (runc.length === 0)
            return fail('the timeline has no runc process');
        const stillAlive = runc.filter((e) => liveProc(ctx.sys, e.pid) !== null);
        if (stillAlive.length > 0)
            return fail(`runc ${stillAlive.map((e) => e.pid).join(', ')} still runs (/proc)`);
        return pass(runc.map((e) => `${e.label} pid ${e.pid} (+${Math.round(e.at)} ms, gone now)`).join('; '));
    },
});
const NS_FILE = { pid: 'pid', mount: 'mnt', uts: 'uts', ipc: 'ipc', network: 'net', cgroup: 'cgroup', user: 'user' };
export const bundleMatches = defineCheck({
    name: 'bundle-matches',
    params: z.strictObject({ namespace: z.string().default('moby') }),
    doc: 'The OCI bundle containerd wrote for the lesson\'s container matches what the kernel shows of its '
        + 'process: config.json\'s process.args equal /proc/<pid>/cmdline, every namespace it asks to be made new '
        + '(no path given) has another /proc/<pid>/ns link than the helper\'s own, and the last part of '
        + 'linux.cgroupsPath appears in /proc/<pid>/cgroup.',
    reads: ['<containerd state>/io.containerd.runtime.v2.task/<namespace>/<id>/config.json', '/proc/<pid>/cmdline', '/proc/<pid>/ns/*, /proc/self/ns/*', '/proc/<pid>/cgroup'],
    run: (ctx, { namespace }) => {
        const c = chainIfMade(ctx)?.container;
        if (!c?.pid)
            return fail('no running container to compare with');
        const state = join(ctx.session.dir, 'containerd', 'state', 'io.containerd.runtime.v2.task', namespace, c.id, 'config.json');
        const config = JSON.parse(ctx.sys.readFile(state));
        const cmdline = ctx.sys.readFile(`/proc/${c.pid}/cmdline`).split('\0').filter(Boolean);
        if (JSON.stringify(cmdline) !== JSON.stringify(config.process?.args))
            return fail(`process.args ${JSON.stringify(config.process?.args)} but /proc/${c.pid}/cmdline is ${JSON.stringify(cmdline)}`);
        const differ = [];
        for (const n of config.linux?.namespaces ?? []) {
            const file = NS_FILE[n.type ?? ''];
            if (!file || n.path)
                continue;
            const mine = ctx.sys.readlink(`/proc/${c.pid}/ns/${file}`);
            const host = ctx.sys.readlink(`/proc/self/ns/${file}`);
            if (mine === host)
                return fail(`config.json asks for a new ${n.type} namespace, but ${c.pid} shares the host's`);
            differ.push(file);
        }
        const cgroupsPath = config.linux?.cgroupsPath ?? '';
        const leaf = cgroupsPath.split(/[/:]/).filter(Boolean).pop() ?? '';
        if (leaf && !ctx.sys.readFile(`/proc/${c.pid}/cgroup`).includes(leaf))
            return fail(`${c.pid} is not in ${cgroupsPath}`);
        return pass(`args ${JSON.stringify(cmdline)}, own ${differ.join(' ')}, cgroup …/${leaf.slice(0, 12)}`);
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
        if (bars.length < atLeast)
            return fail(`${bars.length} hops timed, fewer than ${atLeast}: ${bars.map((b) => b.label).join(', ')}`);
        const sum = bars.reduce((n, b) => n + b.ms, 0);
        return pass(`${bars.length} hops, ${Math.round(sum)} ms in all; longest: ${[...bars].sort((a, b) => b.ms - a.ms)[0].label}`);
    },
});
