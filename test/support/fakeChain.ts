// A chain lesson's context for unit tests: a session dir of its own, the lab's daemons on the recording Sys, nothing started.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { fakeLab } from './fakeLab.js';
import { PrivateDaemons, type Binaries } from '../../src/chain/daemons.js';
import { chain } from '../../src/actions/chainState.js';
import type { LabContext } from '../../src/steps/context.js';
import type { RecordingSys } from './recordingSys.js';
import type { RecordingBuilder } from './fakeLab.js';

const bin = (name: string, path: string, version: string) => ({ name, path, version });

/** The chain's programs as discovery would find them on Debian 12. */
export const FAKE_BIN = {
  docker: bin('docker', '/usr/bin/docker', '20.10.24'),
  dockerd: bin('dockerd', '/usr/sbin/dockerd', '20.10.24'),
  containerd: bin('containerd', '/usr/bin/containerd', '1.6.20'),
  ctr: bin('ctr', '/usr/bin/ctr', '1.6.20'),
  'containerd-shim-runc-v2': bin('containerd-shim-runc-v2', '/usr/bin/containerd-shim-runc-v2', '1.6.20'),
  runc: bin('runc', '/usr/sbin/runc', '1.1.5'),
} as Binaries;

/** PIDs above the kernel's highest pid_max (2^22): never a process of this host, so /proc never has them. */
export const CONTAINERD_PID = 4_200_001;
export const DOCKERD_PID = 4_200_002;

export type ChainLab = LabContext & { sys: RecordingSys; builder: RecordingBuilder };

const made: Array<() => void> = [];
afterEach(() => {
  for (const undo of made.splice(0)) undo();
});

/**
 * A context whose chain state holds the lab's daemons (PrivateDaemons on the recording Sys), with
 * containerd (and dockerd) marked running unless told. Their stop() is a no-op: the real cleanup
 * signals processes and removes host directories, which a unit test must never do.
 */
export function chainLab(o: { containerd?: boolean; dockerd?: boolean } = {}): { ctx: ChainLab; d: PrivateDaemons } {
  const dir = mkdtempSync(join(tmpdir(), 'cl-chain-'));
  made.push(() => rmSync(dir, { recursive: true, force: true }));
  const ctx = fakeLab({ session: { id: 'test', dir } });
  ctx.sys.dirs.add('/proc');
  const d = PrivateDaemons.prepare(dir, 'test', FAKE_BIN, null, ctx.sys);
  d.stop = async () => ({ killed: [], unmounted: [], cgroups: [], problems: [] });
  if (o.containerd ?? true) d.containerd = { pid: CONTAINERD_PID, version: '1.6.20', readyMs: 5 };
  if (o.dockerd ?? true) d.dockerd = { pid: DOCKERD_PID, version: '20.10.24', readyMs: 5 };
  chain(ctx).daemons = d;
  return { ctx, d };
}

/**
 * Makes a started daemon answer as the real one would be waited for: containerd's socket accepts,
 * dockerd's answers GET /_ping. Each start() of the Sys with that binary opens the listener.
 */
export function answerLikeDaemons(sys: RecordingSys, dir: string): void {
  sys.onStart = (argv) => {
    let server: Server | undefined;
    if (argv.includes(FAKE_BIN.containerd.path!)) server = createServer((s) => s.end()).listen(join(dir, 'containerd.sock'));
    if (argv.includes(FAKE_BIN.dockerd.path!)) server = createHttpServer((_req, res) => res.end('OK')).listen(join(dir, 'docker.sock'));
    if (server) made.unshift(() => server.close());
  };
}
