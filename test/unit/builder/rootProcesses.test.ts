// The container process's root-process plumbing on the recording Sys, with a stand-in for the spawned changeRoot program.
import { afterEach, describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import type { ChildProcess } from 'node:child_process';
import { killRootProcesses, rootHandlers, type SpawnRootChanger } from '../../../src/builder/rootProcesses.js';
import { ContainerState } from '../../../src/builder/state.js';
import { programs } from '../../../src/sys/paths.js';
import { RecordingSys } from '../../support/recordingSys.js';
import type { RootReply, RootRequest } from '../../../src/builder/rootProtocol.js';

/** A changeRoot process that answers each request line with answer(request). */
function fakeChanger(pid: number, answer: (r: RootRequest) => Partial<RootReply> | null) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const child = Object.assign(new EventEmitter(), { pid, stdin, stdout, exitCode: null, signalCode: null }) as unknown as ChildProcess;
  const requests: RootRequest[] = [];
  let buffered = '';
  stdin.on('data', (d: Buffer) => {
    buffered += d.toString();
    for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
      const request = JSON.parse(buffered.slice(0, nl)) as RootRequest;
      buffered = buffered.slice(nl + 1);
      requests.push(request);
      const reply = answer(request);
      if (reply === null) stdout.end();
      else stdout.write(JSON.stringify({ ok: true, pid: 1, output: [], log: [], ...reply }) + '\n');
    }
  });
  return { child, requests };
}

function setup(answer: (r: RootRequest) => Partial<RootReply> | null = () => ({})) {
  const sys = new RecordingSys();
  const state = new ContainerState();
  state.mntUnshared = true;
  const spawned: Array<{ command: string; args: string[]; options: object; requests: RootRequest[] }> = [];
  let next = 5000;
  const spawn: SpawnRootChanger = (command, args, options) => {
    const { child, requests } = fakeChanger(++next, answer);
    spawned.push({ command, args, options, requests });
    sys.alive.add(next);
    return child;
  };
  return { sys, state, spawned, handlers: rootHandlers({ sys, state }, spawn) };
}

afterEach(() => killRootProcesses());

describe('root processes in the container process', () => {
  it('starts changeRoot with the role, detached, as its child; logs the spawn', () => {
    const { handlers, spawned } = setup();
    const started = handlers.startRootProcess({ role: 'chroot' });
    expect(spawned).toEqual([{ command: process.execPath, args: [programs.changeRoot, '--container-lab-chroot'], options: { stdio: ['pipe', 'pipe', 'inherit'], detached: true }, requests: [] }]);
    expect(started).toEqual({ pid: 5001, log: [{ t: 0, call: 'spawn', args: ['"node changeRoot.js --container-lab-chroot"'], ret: '5001' }] });
  });

  it('refuses in the host\'s mount namespace, and chroot/pivot without PID 1 in a new PID namespace', () => {
    const { handlers, state, spawned } = setup();
    state.mntUnshared = false;
    expect(() => handlers.startRootProcess({ role: 'pivot' })).toThrow(/still in the host's mount namespace/);
    state.mntUnshared = true;
    state.pidUnshared = true;
    expect(() => handlers.startRootProcess({ role: 'pivot' })).toThrow(/has no PID 1/);
    expect(spawned).toEqual([]);
  });

  it('the init role becomes the PID namespace\'s PID 1', () => {
    const { handlers, state } = setup();
    state.pidUnshared = true;
    handlers.startRootProcess({ role: 'init' });
    expect(state).toMatchObject({ initPid: 5001, initAlive: true });
    expect(() => handlers.startRootProcess({ role: 'init' })).toThrow('PID 1 is already running (host PID 5001)');
  });

  it('starting a role again SIGKILLs the old process first, through the Sys', () => {
    const { handlers, sys } = setup();
    handlers.startRootProcess({ role: 'pivot' });
    const again = handlers.startRootProcess({ role: 'pivot' });
    expect(sys.calls).toEqual([{ via: 'kill', pid: 5001, signal: 'SIGKILL' }]);
    expect(again.log.map((e) => e.call)).toEqual(['kill', 'spawn']);
  });

  it('forwards one request a line; the reply\'s log names the process by host PID', async () => {
    const { handlers, spawned } = setup((r) => ({ output: [r.op], log: [{ t: 0, call: 'chroot', args: ['"/r"'], ret: '0' }] }));
    handlers.startRootProcess({ role: 'chroot' });
    const reply = await handlers.rootProcessCall({ role: 'chroot', request: { op: 'chroot', path: '/r' } });
    expect(spawned[0].requests).toEqual([{ op: 'chroot', path: '/r' }]);
    expect(reply.output).toEqual(['chroot']);
    expect(reply.log).toEqual([{ t: 0, call: 'chroot', args: ['"/r"'], ret: '0', pid: 5001 }]);
  });

  it('a refused request is a LabError with its hint and log; a silent end says which request', async () => {
    const { handlers, sys } = setup((r) => (r.op === 'pivot' ? { ok: false, error: 'pivot_root: EBUSY', hint: 'mount point', log: [{ t: 0, call: 'pivot_root', args: [], ret: '-1', errno: 'EBUSY' }] } : null));
    handlers.startRootProcess({ role: 'pivot' });
    await expect(handlers.rootProcessCall({ role: 'pivot', request: { op: 'pivot', newRoot: '/r', putOld: '/r/.old_root' } }))
      .rejects.toMatchObject({ message: 'pivot_root: EBUSY', hint: 'mount point', log: [{ call: 'pivot_root', errno: 'EBUSY', pid: 5001 }] });
    await expect(handlers.rootProcessCall({ role: 'pivot', request: { op: 'mountProc' } })).rejects.toThrow('the pivot process (host PID 5001) did not answer mountProc');
    expect(sys.calls).toContainEqual({ via: 'kill', pid: 5001, signal: 'SIGKILL' });
  });

  it('no process for the role: says which step starts it; shutdown kills every one', async () => {
    const { handlers, sys } = setup();
    await expect(handlers.rootProcessCall({ role: 'chroot', request: { op: 'mountProc' } })).rejects.toThrow(/no chroot process is running/);
    handlers.startRootProcess({ role: 'chroot' });
    handlers.startRootProcess({ role: 'pivot' });
    killRootProcesses();
    expect(sys.calls).toEqual([{ via: 'kill', pid: 5001, signal: 'SIGKILL' }, { via: 'kill', pid: 5002, signal: 'SIGKILL' }]);
  });
});
