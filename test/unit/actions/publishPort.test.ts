// publish-port: the forwarder started through the seam; its first line says the port it listens on.
import { describe, expect, it } from 'vitest';
import { publishPort } from '../../../src/actions/publishPort.js';
import { dockerRun } from '../../../src/actions/dockerRunState.js';
import { programs } from '../../../src/sys/paths.js';
import { fakeLab } from '../../support/fakeLab.js';

const FORWARDER = 6000;

function lab(firstLine: string) {
  const ctx = fakeLab();
  const state = dockerRun(ctx);
  state.network = { bridgePid: 5000, subnet: 7, bridgeIf: 'cl-veth0', containerIf: 'cl-eth0', bridgeAddr: '10.200.7.1', containerAddr: '10.200.7.2' };
  state.server = { port: 80, dir: '/data' };
  ctx.sys.answer([process.execPath, programs.forwarder], { pid: FORWARDER, stdout: firstLine + '\n' });
  return { ctx, state };
}

const ARGS = ['--container-lab-forwarder', String(process.pid), '/proc/5000/ns/net', '10.200.7.2', '80'];

describe('publish-port', () => {
  it('starts the forwarder with pipes, reads its port and its own calls, and keeps it for the teardown', async () => {
    const { ctx, state } = lab(JSON.stringify({ port: 40000, log: [{ t: 1, call: 'setns', args: ['18', 'CLONE_NEWNET'], ret: '0' }] }));
    const result = await publishPort.run(ctx, {});
    expect(ctx.sys.calls).toEqual([{ via: 'start', argv: [process.execPath, programs.forwarder, ...ARGS], pipes: true, detached: true }]);
    expect(state.forwarder).toEqual({ pid: FORWARDER, port: 40000 });
    expect(result.log.map((e) => [e.call, e.pid])).toEqual([['spawn node', undefined], ['setns', FORWARDER]]);
    expect(result.log[0].args).toEqual(['forwarder.js', ...ARGS]);
    expect(result.output).toEqual([
      `127.0.0.1:40000 (host loopback)  →  forwarder, host PID ${FORWARDER}  →  10.200.7.2:80 (from inside the lab namespace)`,
      'try it: curl http://127.0.0.1:40000/',
    ]);
    await ctx.slots.teardownAll();
    expect(ctx.sys.calls.at(-1)).toEqual({ via: 'kill', pid: FORWARDER, signal: 'SIGKILL' });
  });

  it('a forwarder that reports an error is killed at once and the step fails with its message', async () => {
    const { ctx, state } = lab(JSON.stringify({ error: 'EPERM: setns', log: [] }));
    await expect(publishPort.run(ctx, {})).rejects.toThrow('the forwarder did not start: EPERM: setns');
    expect(ctx.sys.calls.at(-1)).toEqual({ via: 'kill', pid: FORWARDER, signal: 'SIGKILL' });
    expect(state.forwarder).toBeUndefined();
    expect(state.started).toEqual([]);
  });

  it('needs the server, and publishes once', async () => {
    const { ctx, state } = lab(JSON.stringify({ port: 40000, log: [] }));
    state.server = undefined;
    await expect(publishPort.run(ctx, {})).rejects.toThrow(/nothing listens in the container yet/);
    state.server = { port: 80, dir: '/data' };
    await publishPort.run(ctx, {});
    await expect(publishPort.run(ctx, {})).rejects.toThrow('the port is already published on 127.0.0.1:40000');
    expect(ctx.sys.calls.filter((c) => c.via === 'start')).toHaveLength(1);
  });
});
