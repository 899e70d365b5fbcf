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
  hogs: {
    memory: join(dist, 'hogs/memory.js'),
    cpu: join(dist, 'hogs/cpu.js'),
    forks: join(dist, 'hogs/forks.js'),
  },
  procWatcher: join(dist, 'procWatcher.js'),
  reaper: join(dist, 'reaper.js'),
  inRoot: join(dist, 'inRoot.js'),
};
