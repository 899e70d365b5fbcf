import { builderCall } from './builderCall.js';
import { userPid } from './userNamespaceState.js';
import { labCgroup, recordHog } from './cgroupState.js';
import { programs } from '../sys/paths.js';
import { reportProgress } from '../steps/progress.js';
import { findProgram } from '../../native/findProgram.js';
const SAMPLE_MS = 100;
export function hogProgram(kind) {
    return programs.hogs[kind];
}
function lines(text) {
    return text.split('\n').filter((l) => l.trim() !== '');
}
/**
 * The hog starts only now, after the limit steps wrote their files, and inherits the cgroup
 * from the container process at fork(2): the builder's `run` handler spawns it. Every thread is a
 * task to the pids controller, so Node runs with one V8 worker and one libuv worker (env(1) execs
 * node: no extra process). What it measured is kept for the checks after the step (lastHog).
 */
export async function runHog(ctx, kind, args, sample, timeoutMs) {
    const driver = labCgroup(ctx);
    const cpuBeforeUs = kind === 'cpu' ? driver.cpu().usageUs : 0;
    const samples = [];
    const take = () => {
        try {
            samples.push(sample(driver));
            // The panel follows the climb while the step runs (not only its result afterwards).
            reportProgress('cgroup-files', driver.describeFiles());
        }
        catch {
            // a file read raced with the cgroup changing; the next sample will do
        }
    };
    const before = ctx.sys.drain();
    take();
    const timer = setInterval(take, SAMPLE_MS);
    const startedAt = Date.now();
    const command = [findProgram('env'), 'UV_THREADPOOL_SIZE=1', process.execPath, '--v8-pool-size=1', hogProgram(kind), ...args.map(String)];
    let result;
    try {
        result = await builderCall(ctx, 'run', { command, timeoutMs });
    }
    finally {
        clearInterval(timer);
        killLeftovers(ctx, driver);
    }
    const endedAt = Date.now();
    take();
    const run = {
        kind, pid: result.pid ?? null, status: result.status, signal: result.signal, startedAt, endedAt, samples, cpuBeforeUs, stdout: lines(result.stdout),
    };
    recordHog(ctx, run);
    return { run, log: [...before, ...result.log, ...ctx.sys.drain()], stderr: lines(result.stderr) };
}
/** Anything in the container's cgroup other than the lab's own processes goes when the step ends: kill(2) SIGKILL. */
function killLeftovers(ctx, driver) {
    const keep = new Set([ctx.builder.pid, ctx.initPid, userPid(ctx)]);
    for (const pid of driver.processes()) {
        if (keep.has(pid))
            continue;
        try {
            ctx.sys.kill(pid, 'SIGKILL'); // false: it exited meanwhile
        }
        catch {
            // not ours to kill after all (EPERM): the step's result still stands
        }
    }
}
/** How a hog ended, in words. */
export function howItEnded(run) {
    const secs = ((run.endedAt - run.startedAt) / 1000).toFixed(2);
    return run.signal ? `hog (host PID ${run.pid}) killed by ${run.signal} after ${secs} s` : `hog (host PID ${run.pid}) exited with status ${run.status} after ${secs} s`;
}
