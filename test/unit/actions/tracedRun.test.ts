// traced-run: docker run with the process watcher and ctr events running; the timeline, hops and events from a real capture.
import { describe, expect, it, vi } from 'vitest';
import { tracedRun } from '../../../src/actions/tracedRun.js';
import { readFileSync } from 'node:fs';
import { chainLab } from '../../support/fakeChain.js';
import { chain } from '../../../src/actions/chainState.js';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/chain/docker-run-rm.json', import.meta.url), 'utf8'));

const watcher = vi.hoisted(() => ({ stopped: 0, events: [] as unknown[] }));
vi.mock('../../../src/chain/procWatch.js', () => ({
  nowMs: () => fixture.t0,
  startProcWatch: async () => ({
    mode: 'connector',
    pid: 1,
    setupLog: [{ t: 0, call: 'socket', args: ['AF_NETLINK', 'SOCK_DGRAM', 'NETLINK_CONNECTOR'], ret: '5' }],
    since: () => fixture.procs,
    stop: async () => void watcher.stopped++,
  }),
}));
vi.mock('../../../src/chain/ctrEvents.js', () => ({
  startEventStream: async (argv: string[]) => {
    watcher.events.push(argv);
    return { events: () => [{ t: fixture.t0 + 1143, namespace: 'moby', topic: '/containers/create' }], stop: async () => void watcher.stopped++ };
  },
}));

describe('traced-run', () => {
  it('runs docker run (labelled, no network) while the watcher and ctr events run, then shows the timeline and hops', async () => {
    const { ctx, d } = chainLab();
    ctx.session.dir = fixture.dir; // the capture's lab directory: the timeline names the lab's processes by it
    ctx.sys.answer(d.dockerArgv(['run']), { stdout: 'Hello from inside a container\n' });
    const result = await tracedRun.run(ctx, { args: ['run', '--rm', 'container-lab/lab'], via: 'socket', title: 'docker run --rm' });
    expect(ctx.sys.calls).toEqual([{ via: 'program', argv: d.dockerArgv(['run', '--label', 'container-lab=test', '--network', 'none', '--rm', 'container-lab/lab']) }]);
    // ctr events on the lab's containerd, all namespaces (no --namespace)
    expect(watcher.events).toEqual([[d.bin.ctr.path, '--address', d.layout.containerdSocket]]);
    expect(watcher.stopped).toBe(2);
    expect(result.log.map((e) => e.call)).toEqual(['socket', '/usr/bin/docker']);
    expect(result.stdout).toEqual(['Hello from inside a container']);
    expect(result.output).toContain('watched with the proc connector (netlink, every fork/exec/exit)');
    expect(result.output.some((l) => /^runc create: pid \d+, alive \d+ ms$/.test(l))).toBe(true);
    const view = chain(ctx).view;
    expect(view.focus).toBe('hops');
    expect(view.timeline?.entries[0].label).toBe('docker run');
    expect(view.hops?.bars.length).toBeGreaterThanOrEqual(6);
    expect(view.blocks).toEqual([{ title: "containerd's events (ctr events)", lines: ['+1143 ms  moby  /containers/create'] }]);
  });

  it('runs only docker run, and needs the proxy for via proxy', async () => {
    const { ctx } = chainLab();
    await expect(tracedRun.run(ctx, { args: ['ps'], via: 'socket', title: 't' })).rejects.toThrow(/its args start with run/);
    await expect(tracedRun.run(ctx, { args: ['run', 'x'], via: 'proxy', title: 't' })).rejects.toThrow(/API proxy is not running/);
  });
});
