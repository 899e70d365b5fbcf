// rw-layer-holds on a fake UpperDir and mount table: the file's lines, the running PID 1's / on that upperdir, a link never followed on the host.
import { describe, expect, it } from 'vitest';
import { rwLayerHolds } from '../../../src/checks/rwLayerChecks.js';
import { chainLab } from '../../support/fakeChain.js';
import { inspectAnswers } from '../../support/fakeContainer.js';

function layer(kept: string | null, running: boolean, upperOption?: string) {
  const { ctx, d } = chainLab();
  const upper = `${ctx.session.dir}/docker/data/overlay2/abc/diff`;
  inspectAnswers(ctx.sys, d, 'cl-life', running ? { Pid: 6521 } : { Status: 'exited', Running: false, ExitCode: 137 }, upper);
  ctx.sys.dirs.add(upper);
  if (kept !== null) ctx.sys.files.set(`${upper}/kept`, kept);
  ctx.sys.files.set('/proc/6521/mountinfo', `600 500 0:90 / / rw,relatime - overlay overlay rw,lowerdir=l/A:l/B,upperdir=${upperOption ?? upper},workdir=${upper.replace(/diff$/, 'work')}\n601 600 0:91 / /proc rw - proc proc rw\n`);
  return { ctx, upper };
}

describe('rw-layer-holds', () => {
  it('running: the lines in UpperDir, and PID 1\'s / is the overlay with that upperdir (absolute or relative)', () => {
    const { ctx, upper } = layer('start 1\nstart 2\n', true);
    expect(rwLayerHolds.run(ctx, { name: 'cl-life', path: '/kept', lines: 2 })).toEqual({ ok: true, detail: `${upper}/kept: 2 lines ("start 1", "start 2"); PID 6521's / is the overlay with that upperdir` });
    expect(rwLayerHolds.run(layer('a\n', true, 'abc/diff').ctx, { name: 'cl-life', path: '/kept', lines: 1 }).ok).toBe(true);
    expect(rwLayerHolds.run(layer('a\n', true, '/elsewhere/diff').ctx, { name: 'cl-life', path: '/kept', lines: 1 }).detail).toMatch(/but PID 6521's \/ is overlay with upperdir=\/elsewhere\/diff, not that directory$/);
  });

  it('stopped: the file is read with nothing mounted; a wrong count or no file fails', () => {
    const { ctx, upper } = layer('start 1\n', false);
    expect(rwLayerHolds.run(ctx, { name: 'cl-life', path: '/kept', lines: 1 }).detail).toBe(`${upper}/kept: 1 line ("start 1"); State.Status exited: nothing mounts the layer, the directory stays`);
    expect(rwLayerHolds.run(ctx, { name: 'cl-life', path: '/kept', lines: 2 }).detail).toBe(`${upper}/kept: 1 line ("start 1"), not 2`);
    expect(rwLayerHolds.run(layer(null, false).ctx, { name: 'cl-life', path: '/kept', lines: 1 }).detail).toMatch(/\/kept does not exist$/);
  });

  it('a link the container left at the path is resolved inside the layer, never on the host', () => {
    const { ctx, upper } = layer(null, false);
    ctx.sys.links.set(`${upper}/kept`, '/etc/shadow');
    ctx.sys.files.set('/etc/shadow', 'root:x\n');
    expect(rwLayerHolds.run(ctx, { name: 'cl-life', path: '/kept', lines: 1 }).ok).toBe(false);
  });
});
