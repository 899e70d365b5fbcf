// Where the compiled programs live: the one table of every separately started program of the lab
// (their sources are src/programs/*.ts). Always the built copies under dist/, even under vitest.
import { join } from 'node:path';
import { packageRoot } from './packageRoot.js';

const dist = join(packageRoot(), 'dist/src/programs');

export const programs = {
  helper: join(dist, 'helper.js'),
  builder: join(dist, 'builder.js'),
  init: join(dist, 'init.js'),
  mountProc: join(dist, 'mountProc.js'),
  changeRoot: join(dist, 'changeRoot.js'),
  forwarder: join(dist, 'forwarder.js'),
  netProbe: join(dist, 'netProbe.js'),
  hogs: {
    memory: join(dist, 'hogs/memory.js'),
    cpu: join(dist, 'hogs/cpu.js'),
    forks: join(dist, 'hogs/forks.js'),
  },
  procWatcher: join(dist, 'procWatcher.js'),
  reaper: join(dist, 'reaper.js'),
  inRoot: join(dist, 'inRoot.js'),
};

/**
 * Node options for the lab's long-lived programs that mostly wait (the helper, the container
 * process and its warm spare, the reaper). V8's memory reducer (on by default, `node
 * --v8-options`) wakes a process for GC work seconds after its last allocation and again
 * while it idles: a warm spare builder used 8 clock ticks in 20 s doing nothing, 0 without it.
 * It cannot be turned off from inside a running process (v8.setFlagsFromString is too late).
 */
export const idleNodeFlags = ['--no-memory-reducer'];
