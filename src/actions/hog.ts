// Runs a hog inside the container (forked by the container process, so in its namespaces and
// cgroup) while the helper samples the cgroup; bounded in time, and nothing of it outlives the step.
import type { LabContext } from '../steps/context.js';
import { builderCall } from './builderCall.js';
import { userPid } from './userNamespaceState.js';
import { LabError } from '../errors.js';
import { programs } from '../sys/paths.js';
import { openCgroupDriver } from '../cgroup/open.js';
import { syscallLog } from '../../native/syscallLog.js';
import { reportProgress } from '../steps/progress.js';
import { findProgram } from '../../native/findProgram.js';
import type { CgroupDriver, HogRun } from '../cgroup/types.js';
import type { SyscallEntry } from '../types.js';

interface RunResult { log: SyscallEntry[]; status: number | null; signal: string | null; stdout: string; stderr: string; pid: number }

const SAMPLE_MS = 100;

export function hogProgram(kind: HogRun['kind']): string {
  return programs.hogs[kind];
}

/** The driver for the session's cgroup; an error with a hint before join-cgroup has run. */
export function labCgroup(ctx: LabContext): CgroupDriver {
  if (ctx.rootless) throw new LabError('cgroup limits need root here', 'run container-lab as root (or with --sudo)');
  if (ctx.cgroupDirs.length === 0) throw new LabError('the container is in no cgroup of the lab\'s yet', 'run the join-cgroup step first');
  return openCgroupDriver('/', ctx.session.id);
}

function lines(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '');
}

export interface HogOutcome {
  run: HogRun;
  log: SyscallEntry[];
  stderr: string[];
}

/**
 * The hog starts only now, after the limit steps wrote their files, and inherits the cgroup
 * from the container process at fork(2). Every thread is a task to the pids controller, so
 * Node runs with one V8 worker and one libuv worker (env(1) execs node: no extra process).
 */
export async function runHog(ctx: LabContext, kind: HogRun['kind'], args: Array<string | number>, sample: (d: CgroupDriver) => number, timeoutMs: number): Promise<HogOutcome> {
  const driver = labCgroup(ctx);
  const cpuBeforeUs = kind === 'cpu' ? driver.cpu().usageUs : 0;
  const samples: number[] = [];
  const take = () => {
    try {
      samples.push(sample(driver));
      // The panel follows the climb while the step runs (not only its result afterwards).
      reportProgress('cgroup-files', driver.describeFiles());
    } catch {
      // a file read raced with the cgroup changing; the next sample will do
    }
  };
  const before = syscallLog.drain();
  take();
  const timer = setInterval(take, SAMPLE_MS);
  const startedAt = Date.now();
  const command = [findProgram('env'), 'UV_THREADPOOL_SIZE=1', process.execPath, '--v8-pool-size=1', hogProgram(kind), ...args.map(String)];
  let result: RunResult;
  try {
    result = await builderCall<RunResult>(ctx, 'run', { command, timeoutMs });
  } finally {
    clearInterval(timer);
    killLeftovers(ctx, driver);
  }
  const endedAt = Date.now();
  take();
  const run: HogRun = {
    kind, pid: result.pid ?? null, status: result.status, signal: result.signal, startedAt, endedAt, samples, cpuBeforeUs, stdout: lines(result.stdout),
  };
  ctx.lastHog = run;
  ctx.lastOutput = run.stdout;
  return { run, log: [...before, ...result.log, ...syscallLog.drain()], stderr: lines(result.stderr) };
}

/** Anything in the container's cgroup other than the lab's own processes goes when the step ends. */
function killLeftovers(ctx: LabContext, driver: CgroupDriver): void {
  const keep = new Set([ctx.builder.pid, ctx.initPid, userPid(ctx)]);
  for (const pid of driver.processes()) {
    if (keep.has(pid)) continue;
    try {
      process.kill(pid, 'SIGKILL');
      syscallLog.record('kill', [String(pid), 'SIGKILL'], 0);
    } catch {
      // exited meanwhile
    }
  }
}

/** How a hog ended, in words. */
export function howItEnded(run: HogRun): string {
  const secs = ((run.endedAt - run.startedAt) / 1000).toFixed(2);
  return run.signal ? `hog (host PID ${run.pid}) killed by ${run.signal} after ${secs} s` : `hog (host PID ${run.pid}) exited with status ${run.status} after ${secs} s`;
}
