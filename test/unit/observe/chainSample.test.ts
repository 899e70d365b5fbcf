// The chain's processes, found by the session dir in their command lines plus their descendants, on a made-up /proc tree.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chainRole, daemonProcesses } from '../../../src/observe/chainSample.js';

const root = mkdtempSync(join(tmpdir(), 'container-lab-chain-proc-'));
const DIR = '/run/container-lab/session-abc';

function proc(pid: number, ppid: number, comm: string, argv: string[], state = 'S'): void {
  const d = join(root, 'proc', String(pid));
  mkdirSync(d, { recursive: true });
  writeFileSync(join(d, 'stat'), `${pid} (${comm}) ${state} ${ppid} ${pid} ${pid} 0 -1`);
  writeFileSync(join(d, 'cmdline'), argv.join('\0') + '\0');
}

proc(1, 0, 'systemd', ['/sbin/init']);
proc(100, 1, 'containerd', ['/usr/bin/containerd', '--config', `${DIR}/containerd.toml`]);
proc(110, 1, 'dockerd', ['/usr/sbin/dockerd', '-H', `unix://${DIR}/docker.sock`]);
proc(120, 1, 'containerd-shim', ['/usr/bin/containerd-shim-runc-v2', '-namespace', 'moby', '-id', 'f5f8', '-address', `${DIR}/containerd.sock`]);
proc(130, 120, 'sleep', ['sleep', '3600']); // the container: names nothing of the lab
proc(131, 130, 'sh', ['sh']);
proc(140, 120, 'sleep', ['sleep', '1'], 'Z'); // exited, not reaped
proc(200, 1, 'dockerd', ['/usr/sbin/dockerd']); // the host's own Docker
proc(210, 1, 'containerd', ['/usr/bin/containerd', '--config', '/run/container-lab/session-abcd/containerd.toml']); // another session, a longer name
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('daemonProcesses', () => {
  it('takes what names the session dir and their descendants, never the host\'s daemons or a look-alike session', () => {
    const pids = daemonProcesses(DIR, root, [999]).map((p) => p.pid).sort((a, b) => a - b);
    expect(pids).toEqual([100, 110, 120, 130, 131]);
  });
  it('leaves out the processes it is told to (the helper itself)', () => {
    expect(daemonProcesses(DIR, root, [110]).map((p) => p.pid)).not.toContain(110);
  });
});

describe('chainRole', () => {
  it('names each part of the chain', () => {
    expect(chainRole({ name: 'containerd-shim', nsPids: [120] })).toBe('shim');
    expect(chainRole({ name: 'runc:[2:INIT]', nsPids: [5, 1] })).toBe('runc init');
    expect(chainRole({ name: 'sleep', nsPids: [130, 1] })).toBe('PID 1');
    expect(chainRole({ name: 'sh', nsPids: [131, 2] })).toBe('in container');
  });
});
