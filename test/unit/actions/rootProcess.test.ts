// The root processes' slot: their PIDs, the step that starts each, and the teardown that kills them when the lab closes.
import { describe, expect, it } from 'vitest';
import { callRootProcess, rootfsDir, rootPid, rootProcessPids, startRootProcess } from '../../../src/actions/rootProcess.js';
import { LabError } from '../../../src/errors.js';
import { RecordingSys } from '../../support/recordingSys.js';
import { entry, rootChangerLab, ROLE_PIDS } from '../../support/rootChanger.js';

describe('root processes', () => {
  it('the rootfs lies in the session directory', () => {
    expect(rootfsDir('/run/container-lab/session-x')).toBe('/run/container-lab/session-x/rootfs');
  });

  it('no PIDs before their steps; rootPid names the step to run', () => {
    const ctx = rootChangerLab();
    expect(rootProcessPids(ctx)).toEqual({ chroot: null, pivot: null });
    expect(() => rootPid(ctx, 'pivot')).toThrow(expect.objectContaining({ message: 'no pivot process yet', hint: "run the lesson's pivot_root step first" }));
    expect(() => rootPid(ctx, 'init')).toThrow(/no init process yet/);
  });

  it('starting a role asks the container process and keeps its host PID (init: the lab\'s PID 1)', async () => {
    const ctx = rootChangerLab();
    await startRootProcess(ctx, 'chroot');
    await startRootProcess(ctx, 'init');
    expect(ctx.builder.requests).toEqual([
      { method: 'startRootProcess', params: { role: 'chroot' } },
      { method: 'startRootProcess', params: { role: 'init' } },
    ]);
    expect(rootProcessPids(ctx)).toEqual({ chroot: ROLE_PIDS.chroot, pivot: null });
    expect(ctx.initPid).toBe(ROLE_PIDS.init);
    expect(rootPid(ctx, 'chroot')).toBe(ROLE_PIDS.chroot);
  });

  it('a failed request keeps the calls made before it at the head of its log', async () => {
    const ctx = rootChangerLab({ chroot: new LabError('chroot: EPERM', undefined, undefined, [entry('chroot')]) });
    const error = await callRootProcess(ctx, 'chroot', { op: 'chroot', path: '/r' }, [entry('spawn')]).catch((e: LabError) => e);
    expect(error.log!.map((e) => e.call)).toEqual(['spawn', 'chroot']);
  });

  it('the slot\'s teardown SIGKILLs both processes through the lab\'s Sys', async () => {
    const sys = new RecordingSys({ alive: [ROLE_PIDS.chroot, ROLE_PIDS.pivot] });
    const ctx = rootChangerLab({}, { sys });
    await startRootProcess(ctx, 'chroot');
    await startRootProcess(ctx, 'pivot');
    await ctx.slots.teardownAll();
    expect(sys.calls).toEqual([
      { via: 'kill', pid: ROLE_PIDS.chroot, signal: 'SIGKILL' },
      { via: 'kill', pid: ROLE_PIDS.pivot, signal: 'SIGKILL' },
    ]);
    expect(sys.alive.size).toBe(0);
    expect(rootProcessPids(ctx)).toEqual({ chroot: null, pivot: null });
  });
});
