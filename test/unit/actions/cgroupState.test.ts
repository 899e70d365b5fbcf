// The cgroup lesson's state: the last hog in a slot, and the lab cgroup's driver reading through ctx.sys.
import { describe, expect, it } from 'vitest';
import { labCgroup, lastHog, recordHog } from '../../../src/actions/cgroupState.js';
import { V1Driver } from '../../../src/cgroup/v1.js';
import { V2Driver } from '../../../src/cgroup/v2.js';
import { fakeLab } from '../../support/fakeLab.js';
import { cgroupLab, fakeHost, systemdHost } from '../cgroup/fakeHost.js';
import { HYBRID } from '../observe/fixtures.js';
import type { HogRun } from '../../../src/cgroup/types.js';

describe('lastHog', () => {
  it('is nothing until a hog step records one, then the last one; the slot goes with the lesson', async () => {
    const ctx = fakeLab();
    expect(lastHog(ctx)).toBeUndefined();
    const run: HogRun = { kind: 'cpu', pid: 1, status: 0, signal: null, startedAt: 0, endedAt: 1, samples: [], cpuBeforeUs: 0, stdout: [] };
    recordHog(ctx, run);
    recordHog(ctx, { ...run, kind: 'forks' });
    expect(lastHog(ctx)?.kind).toBe('forks');
    expect(await ctx.slots.teardownAll()).toEqual([]);
    expect(lastHog(ctx)).toBeUndefined();
  });
});

describe('labCgroup', () => {
  it('opens this host\'s driver, which reads the fake (v1: one directory per hierarchy)', () => {
    const sys = fakeHost(HYBRID);
    const driver = labCgroup(cgroupLab(sys, 'fixture', 6771));
    expect(driver).toBeInstanceOf(V1Driver);
    sys.files.set('/sys/fs/cgroup/pids/container-lab-fixture/pids.current', '7\n');
    expect(driver.pids()).toEqual({ max: 32, current: 7, refused: 0 });
  });

  it('v2: the leaf below the session\'s directory', () => {
    const driver = labCgroup(cgroupLab(systemdHost('s1', 5120), 's1', 5120));
    expect(driver).toBeInstanceOf(V2Driver);
    expect(driver.dir('memory')).toBe('/sys/fs/cgroup/container-lab-s1/container');
    expect(driver.processes()).toEqual([5120]);
  });

  it('needs join-cgroup first, and root', () => {
    const sys = fakeHost(HYBRID);
    expect(() => labCgroup(fakeLab({ sys }))).toThrow(/no cgroup of the lab's yet/);
    expect(() => labCgroup({ ...cgroupLab(sys, 'fixture', 6771), rootless: true, cgroupDirs: [] })).toThrow(/need root here, or a cgroup v2 subtree/);
  });
});
