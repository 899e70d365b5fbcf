// Where the compiled helper programs live: always the built copies under dist/, even under vitest.
import { join } from 'node:path';
import { packageRoot } from '../lesson/packageRoot.js';

const dist = join(packageRoot(), 'dist');

export const programs = {
  helper: join(dist, 'src/helper/main.js'),
  builder: join(dist, 'src/helper/builder.js'),
  init: join(dist, 'native/init.js'),
  mountProc: join(dist, 'native/mountProc.js'),
  changeRoot: join(dist, 'native/changeRoot.js'),
  forwarder: join(dist, 'native/forwarder.js'),
  reaper: join(dist, 'src/chain/reaper.js'),
};
