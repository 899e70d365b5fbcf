// The docker-run slot: made on first use, its teardown ends what the lesson started; the accessors.
import { describe, expect, it } from 'vitest';
import { dockerRun, dockerRunIfStarted, generateIdentity, requireMerged, requireNetwork, stopDockerRun, volumeHostDir } from '../../../src/actions/dockerRunState.js';
import { fakeLab } from '../../support/fakeLab.js';

describe('docker-run state', () => {
  it('is there once a step uses it, not before', () => {
    const ctx = fakeLab();
    expect(dockerRunIfStarted(ctx)).toBeUndefined();
    const state = dockerRun(ctx);
    expect(state).toEqual({ started: [] });
    expect(dockerRunIfStarted(ctx)).toBe(state);
  });

  it('closing the session stops every process it started, and forgets the state', async () => {
    const ctx = fakeLab();
    const state = dockerRun(ctx);
    state.started.push(ctx.sys.start(['unshare', '--net'], {}), ctx.sys.start(['node', 'forwarder.js'], { pipes: true }));
    await ctx.slots.teardownAll();
    expect(ctx.sys.calls.filter((c) => c.via === 'kill')).toHaveLength(2);
    expect(dockerRunIfStarted(ctx)).toBeUndefined();
  });

  it('stopDockerRun waits for each stop', async () => {
    const stopped: number[] = [];
    const proc = (pid: number) => ({ pid, firstLine: async () => null, stop: async () => void stopped.push(pid), onExit: () => {} });
    await stopDockerRun({ started: [proc(1), proc(2)] });
    expect(stopped).toEqual([1, 2]);
  });

  it('requireNetwork and requireMerged say which step comes first', () => {
    const ctx = fakeLab();
    expect(() => requireNetwork(ctx)).toThrow(/no lab network yet/);
    expect(() => requireMerged(ctx)).toThrow(/unpack/);
  });

  it('docker\'s kind of name and id; the volume under the session dir', () => {
    const { name, id } = generateIdentity();
    expect(name).toMatch(/^[a-z]+_[a-z]+$/);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(volumeHostDir('/run/container-lab/session-x')).toBe('/run/container-lab/session-x/volume');
  });
});
