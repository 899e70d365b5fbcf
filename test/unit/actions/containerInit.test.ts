// The by-hand container's state: which steps may run when, and how `docker exec` by hand enters PID 1.
import { describe, expect, it } from 'vitest';
import { containerByHand, enterInitArgv, publishInit, requireInitWaiting, requirePivotedInit } from '../../../src/actions/containerInit.js';
import { fakeLab } from '../../support/fakeLab.js';
import { byHandLab } from '../../support/containerByHand.js';

describe('container by hand: PID 1\'s state', () => {
  it('no PID 1 yet: both guards name the step to run', () => {
    const ctx = fakeLab();
    expect(containerByHand(ctx)).toBeUndefined();
    expect(() => requireInitWaiting(ctx)).toThrow(expect.objectContaining({ hint: expect.stringMatching(/start-container-init/) }));
    expect(() => requirePivotedInit(ctx)).toThrow(expect.objectContaining({ hint: expect.stringMatching(/pivot-init/) }));
  });

  it('started: waiting, not pivoted; pivoted: both; exec\'d: no more requests', () => {
    const started = byHandLab('started');
    expect(requireInitWaiting(started)).toBe(4001);
    expect(() => requirePivotedInit(started)).toThrow(/not pivoted/);
    const pivoted = byHandLab('pivoted');
    expect(requirePivotedInit(pivoted)).toBe(4001);
    containerByHand(pivoted)!.execed = true;
    expect(() => requireInitWaiting(pivoted)).toThrow("PID 1 (host PID 4001) has already exec'd its program");
  });

  it('the slot has nothing to tear down: PID 1 is the lab\'s initPid', async () => {
    const ctx = byHandLab('pivoted');
    expect(await ctx.slots.teardownAll()).toEqual([]);
    expect(ctx.sys.calls).toEqual([]);
    expect(containerByHand(ctx)).toBeUndefined();
  });

  it('enters every namespace of PID 1 and its root with nsenter', () => {
    expect(enterInitArgv(42, ['ps'])).toEqual(['nsenter', '--target=42', '--mount', '--uts', '--ipc', '--net', '--pid', '--cgroup', '--root', '--wd', '--', 'ps']);
  });

  it('publishes PID 1 for `container-lab shell` in <session>/init.pid', () => {
    const ctx = fakeLab();
    publishInit(ctx, 42);
    expect(ctx.sys.calls).toEqual([{ via: 'fs', call: 'writeFile', path: '/run/container-lab/session-test/init.pid', data: '42\n' }]);
  });
});
