// Runs a fork loop inside the container until the pids limit refuses a fork (EAGAIN).
import * as z from 'zod';
import { defineAction, program, outcome } from '../steps/define.js';
import { howItEnded, runHog } from './hog.js';
import { labCgroup } from './cgroupState.js';
import { LabError } from '../errors.js';

/** Tasks the fork loop itself needs: node with one V8 and one libuv worker runs 5 threads. */
const LOOP_TASKS = 5;

export const forkHog = defineAction({
  name: 'fork-hog',
  params: z.strictObject({ count: z.number().int().min(1).max(1024).default(64) }),
  doc: 'The container process forks a fork loop (node running src/programs/hogs/forks.ts, with one V8 and one libuv '
    + 'worker thread) that inherits its namespaces and cgroup and starts up to `count` sleepers until fork fails: at '
    + 'pids.max the kernel refuses it with EAGAIN and counts it in pids.events max. The loop holds its sleepers for '
    + '600 ms so the helper\'s samples of pids.current (every 100 ms) see the peak, then reaps them. It refuses to '
    + 'start without a pids limit or without room for its own threads.',
  host: {
    effect: 'runs the lab\'s fork loop (at most {count} sleepers) in the lab\'s cgroup',
    untrusted: 'allowed',
  },
  performs: [program('node (fork hog)', 'fork(2)')],
  needs: ['lab cgroup'],
  run: async (ctx, { count }) => {
    const cgroup = labCgroup(ctx);
    const before = cgroup.pids();
    if (before.max === null) throw new LabError('the container has no pids limit: the loop would fork freely', 'run the step that sets pids.max first');
    if (before.current + LOOP_TASKS >= before.max) {
      throw new LabError(`pids.current is ${before.current} of pids.max ${before.max}: no room left to start the fork loop`,
        `raise max in the lesson's pids step to at least ${before.current + LOOP_TASKS + 4}`);
    }
    // The loop holds its sleepers for 600 ms after the refused fork, so the samples see the peak.
    const { run, log, stderr } = await runHog(ctx, 'forks', [count, 600], (d) => d.pids().current, 20000);
    const after = cgroup.pids();
    return outcome(log, [
      ...run.stdout,
      ...stderr.map((l) => `stderr: ${l}`),
      howItEnded(run),
      `pids.current every 100 ms: ${run.samples.join(' ')} (pids.max ${before.max})`,
      `forks refused (pids.events max): ${before.refused} → ${after.refused}`,
    ], run.stdout);
  },
});
