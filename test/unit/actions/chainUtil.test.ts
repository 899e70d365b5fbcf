// chainUtil: the daemons a step needs, runs that fail in their own words, the log lines of quiet runs and spawns, docker0.
import { describe, expect, it } from 'vitest';
import { checked, hasDocker0, outputLines, recordRun, recordSpawn, requireDaemons } from '../../../src/actions/chainUtil.js';
import { RecordingSys } from '../../support/recordingSys.js';
import { chainLab } from '../../support/fakeChain.js';
import type { ProgramRun } from '../../../src/sys/types.js';

const run = (o: Partial<ProgramRun>): ProgramRun => ({ argv: ['/usr/bin/ctr', 'tasks', 'ls'], status: 0, signal: null, stdout: '', stderr: '', startedAt: 1000, endedAt: 1012, pid: 1, ...o });

describe('requireDaemons', () => {
  it('needs containerd, and dockerd when asked', () => {
    expect(() => requireDaemons(chainLab({ containerd: false }).ctx)).toThrow(/containerd is not running/);
    expect(() => requireDaemons(chainLab({ dockerd: false }).ctx, { docker: true })).toThrow(/dockerd is not running/);
    const { ctx, d } = chainLab({ dockerd: false });
    expect(requireDaemons(ctx)).toBe(d);
  });
});

describe('checked', () => {
  it('passes the expected status through; otherwise the last lines of stderr (or stdout) are the error', () => {
    expect(checked(run({ status: 42 }), 'docker wait', 42).status).toBe(42);
    expect(() => checked(run({ status: 1, stderr: 'a\nb\nc\nd\n' }), 'ctr tasks ls')).toThrow('ctr tasks ls failed (exit 1): b\nc\nd');
    expect(() => checked(run({ status: null, signal: 'SIGKILL' }), 'docker run')).toThrow('docker run failed (SIGKILL): no message');
  });
});

describe('log lines', () => {
  it('a quiet run is logged as the seam logs a run: base name, quoted args, status, time', () => {
    const sys = new RecordingSys();
    recordRun(sys, run({ argv: ['/usr/bin/ctr', 'x'.repeat(70)] }));
    recordSpawn(sys, ['/usr/bin/containerd', '--config', '/x/containerd.toml'], 4242, 31);
    expect(sys.drain()).toEqual([
      { t: 0, call: 'ctr', args: [JSON.stringify('x'.repeat(57) + '...')], ret: '0' },
      { t: 0, call: 'spawn containerd', args: ['"--config"', '"/x/containerd.toml"'], ret: '4242' },
    ]);
  });
});

describe('hasDocker0 and outputLines', () => {
  it('asks ip(8) quietly; blank lines go', () => {
    const sys = new RecordingSys().answer(['ip', '-o', 'link', 'show', 'docker0'], { stdout: '3: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500\n' });
    expect(hasDocker0(sys)).toBe(true);
    expect(sys.drain()).toEqual([]);
    expect(hasDocker0(new RecordingSys().answer(['ip'], { status: 1 }))).toBe(false);
    expect(outputLines('a\n\n  \nb\n')).toEqual(['a', 'b']);
  });
});
