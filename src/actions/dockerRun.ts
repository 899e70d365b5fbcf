// The docker-run lesson's steps, each what dockerd/containerd/runc/docker-proxy do, done by hand:
// name and id, a volume (bind mount), a lab network (veth pair between two lab namespaces),
// a server in the container, a published port (the forwarder), and the image's command.
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { randomInt } from 'node:crypto';
import type { Action, LabContext } from './context.js';
import { builderCall, outcome } from './builderCall.js';
import { dockerRun, generateIdentity, ipIn, requireMerged, requireNetwork, volumeHostDir, type LabNetwork } from './dockerRunState.js';
import { mkdirLogged, writeLogged } from '../helper/loggedFs.js';
import { programs } from '../helper/paths.js';
import { LabError } from '../helper/rpc.js';
import { ensureLabImage } from '../image/labImage.js';
import { syscallLog } from '../../native/syscallLog.js';
import type { SyscallEntry } from '../types.js';

interface RunResult { log: SyscallEntry[]; status: number | null; signal: string | null; stdout: string; stderr: string }

function lines(text = ''): string[] {
  return text.split('\n').filter((l) => l !== '');
}

async function waitUntil(test: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (test()) return true;
    await new Promise((r) => setTimeout(r, 10));
  }
  return test();
}

function netnsOf(pid: number | 'self'): string {
  return readlinkSync(`/proc/${pid}/ns/net`);
}

/** docker: a generated name (--name overrides it), a 64-hex id, hostname = the id's first 12 hex. */
export const nameContainer: Action = async (ctx) => {
  const state = dockerRun(ctx);
  const { name, id } = generateIdentity();
  const { log } = await builderCall<{ log: SyscallEntry[] }>(ctx, 'sethostname', { name: id.slice(0, 12) });
  state.name = name;
  state.id = id;
  return outcome(log, [`name      ${name}`, `id        ${id}`, `hostname  ${id.slice(0, 12)}   (the id's first 12 hex digits, as docker sets it)`]);
};

/** docker run -v <host dir>:<target>: mount(<host dir>, <rootfs>/<target>, NULL, MS_BIND, NULL) in the container's mount namespace. */
export const bindVolume: Action<{ target: string }> = async (ctx, { target }) => {
  const merged = requireMerged(ctx);
  const host = volumeHostDir(ctx.session.dir);
  if (!existsSync(host)) mkdirLogged(host, 0o755);
  const local = syscallLog.drain();
  const { log } = await builderCall<{ log: SyscallEntry[] }>(ctx, 'bindVolume', { source: host, target: merged + target, merged });
  dockerRun(ctx).volume = { host, target };
  return outcome([...local, ...log], [`host      ${host}`, `container ${target}   (${merged}${target} in the container's mount namespace)`]);
};

/** One file written on one side of the volume: from inside (through the container's root) or on the host. */
export const writeVolume: Action<{ side: 'container' | 'host'; file: string; text: string }> = async (ctx, { side, file, text }) => {
  const volume = dockerRun(ctx).volume;
  if (!volume) throw new LabError('there is no volume yet', 'run the step that bind-mounts the volume first');
  if (side === 'host') {
    writeLogged(join(volume.host, file), text);
    return outcome(syscallLog.drain(), [`host: wrote ${Buffer.byteLength(text)} bytes to ${join(volume.host, file)}`]);
  }
  const merged = requireMerged(ctx);
  const reply = await builderCall<{ log: SyscallEntry[]; detail: string }>(ctx, 'editRootfs', { merged, op: 'write', path: `${volume.target}/${file}`, text });
  return outcome(reply.log, [`container: ${reply.detail}`]);
};

/**
 * docker0's part: a process in a network namespace of its own (unshare(1) --net, then PID-1-style
 * init with PDEATHSIG execs sleep), and a veth pair made from inside it, its peer sent straight
 * into the container's namespace (ip-link(8) "netns PID"), so no end ever exists on the host.
 */
export const labNetwork: Action = async (ctx) => {
  const state = dockerRun(ctx);
  if (state.network) throw new LabError(`the lab network is already there (bridge process ${state.network.bridgePid})`);
  const hostNs = netnsOf('self');
  const builderPid = ctx.builder.pid;
  if (netnsOf(builderPid) === hostNs) {
    throw new LabError('the container process is still in the host\'s network namespace: a veth end would appear on the host',
      'run the step that unshares the network namespace (CLONE_NEWNET) first');
  }
  const argv = ['unshare', '--net', '--', process.execPath, programs.init, String(process.pid), 'sleep', 'container-lab-bridge', 'infinity'];
  // fd 3: init.js's way to notice that we died before its prctl(PR_SET_PDEATHSIG).
  const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'ignore', 'inherit', 'pipe'], detached: true });
  syscallLog.record('spawn', [JSON.stringify('unshare --net -- node init.js ' + process.pid + ' sleep container-lab-bridge infinity')], child.pid ?? -1);
  if (child.pid === undefined) throw new LabError('could not start the bridge process', undefined, undefined, syscallLog.drain());
  child.on('error', () => {});
  const bridgePid = child.pid;
  const ready = await waitUntil(() => {
    try {
      return readFileSync(`/proc/${bridgePid}/cmdline`, 'utf8').startsWith('container-lab-bridge') && netnsOf(bridgePid) !== hostNs;
    } catch {
      return false;
    }
  }, 5000);
  const subnet = randomInt(1, 255);
  const net: LabNetwork = {
    bridgePid, subnet, bridgeIf: 'cl-veth0', containerIf: 'cl-eth0',
    bridgeAddr: `10.200.${subnet}.1`, containerAddr: `10.200.${subnet}.2`,
  };
  state.network = net; // from here on, closing the session kills it
  if (!ready) throw new LabError(`the bridge process (host PID ${bridgePid}) did not get a network namespace of its own`, undefined, undefined, syscallLog.drain());
  ipIn(bridgePid, ['link', 'add', net.bridgeIf, 'type', 'veth', 'peer', 'name', net.containerIf, 'netns', String(builderPid)]);
  ipIn(bridgePid, ['addr', 'add', `${net.bridgeAddr}/24`, 'dev', net.bridgeIf]);
  ipIn(bridgePid, ['link', 'set', net.bridgeIf, 'up']);
  ipIn(bridgePid, ['link', 'set', 'lo', 'up']);
  ipIn(builderPid, ['addr', 'add', `${net.containerAddr}/24`, 'dev', net.containerIf]);
  ipIn(builderPid, ['link', 'set', net.containerIf, 'up']);
  ipIn(builderPid, ['link', 'set', 'lo', 'up']);
  ipIn(builderPid, ['route', 'add', 'default', 'via', net.bridgeAddr]);
  return outcome(syscallLog.drain(), [
    `lab namespace   ${netnsOf(bridgePid)}  held by host PID ${bridgePid} (container-lab-bridge)`,
    `  ${net.bridgeIf}  ${net.bridgeAddr}/24`,
    `container       ${netnsOf(builderPid)}  (the container process, host PID ${builderPid})`,
    `  ${net.containerIf}   ${net.containerAddr}/24, default via ${net.bridgeAddr}`,
    `host            ${hostNs}: no cl- link, no 10.200.${subnet}.x address`,
  ]);
};

/** True when something listens on TCP port `port` in the network namespace of `pid` (proc(5) /proc/<pid>/net/tcp, tcp6). */
function listening(pid: number, port: number): boolean {
  const hex = ':' + port.toString(16).toUpperCase().padStart(4, '0');
  // busybox httpd binds [::]:port when IPv6 is there (then it shows in tcp6 only).
  return ['tcp', 'tcp6'].some((file) => {
    try {
      return readFileSync(`/proc/${pid}/net/${file}`, 'utf8').split('\n').some((l) => {
        const f = l.trim().split(/\s+/);
        return f[1]?.endsWith(hex) && f[3] === '0A';
      });
    } catch {
      return false;
    }
  });
}

/** The container's server: busybox httpd from the image, started inside the container's namespaces and root. */
export const startServer: Action<{ port: number; dir: string }> = async (ctx, { port, dir }) => {
  const merged = requireMerged(ctx);
  const base = ctx.layers?.layerDirs[0];
  if (!base || !existsSync(join(base, 'bin/busybox'))) {
    throw new LabError('the image has no busybox, so no httpd to serve with', 'install busybox-static and delete the image cache (container-lab image) so it is rebuilt from busybox');
  }
  const hasApplet = ['bin', 'sbin', 'usr/bin', 'usr/sbin'].some((d) => {
    try {
      return lstatSync(join(base, d, 'httpd')).isSymbolicLink();
    } catch {
      return false;
    }
  });
  if (!hasApplet) throw new LabError('this busybox has no httpd applet', 'install a busybox with httpd (Debian: busybox-static) and rebuild the image');
  // The shell runs in the container's namespaces (a child of the container process); httpd -f
  // stays in the foreground of its own, orphaned to the container's PID 1 when the shell exits.
  const command = ['/bin/sh', '-c', `chroot ${merged} /bin/busybox httpd -f -p ${port} -h ${dir} </dev/null >/dev/null 2>&1 &`];
  const result = await builderCall<RunResult>(ctx, 'run', { command });
  if (result.status !== 0) throw new LabError(`starting httpd failed: ${result.stderr.trim()}`, undefined, undefined, result.log);
  const up = await waitUntil(() => listening(ctx.builder.pid, port), 3000);
  if (!up) throw new LabError(`httpd does not listen on port ${port} inside the container`, undefined, undefined, result.log);
  dockerRun(ctx).server = { port, dir };
  const net = ctx.dockerRun?.network;
  return outcome(result.log, [
    `httpd listens on port ${port} inside the container${net ? ` (${net.containerAddr}:${port})` : ''}, serving ${dir}`,
  ]);
};

/** docker-proxy's part: a host loopback port, and connections made from inside the lab namespace. */
export const publishPort: Action = async (ctx) => {
  const state = dockerRun(ctx);
  const net = requireNetwork(ctx);
  if (!state.server) throw new LabError('nothing listens in the container yet', 'run the step that starts the server first');
  if (state.forwarder) throw new LabError(`the port is already published on 127.0.0.1:${state.forwarder.port}`);
  const args = ['--container-lab-forwarder', String(process.pid), `/proc/${net.bridgePid}/ns/net`, net.containerAddr, String(state.server.port)];
  const child = spawn(process.execPath, [programs.forwarder, ...args], { stdio: ['pipe', 'pipe', 'inherit'], detached: true });
  syscallLog.record('spawn', [JSON.stringify(['node forwarder.js', ...args].join(' '))], child.pid ?? -1);
  if (child.pid === undefined) throw new LabError('could not start the forwarder', undefined, undefined, syscallLog.drain());
  child.on('error', () => {});
  child.stdin!.on('error', () => {});
  const pid = child.pid;
  const line = await new Promise<string | null>((resolve) => {
    const rl = createInterface({ input: child.stdout!, crlfDelay: Infinity });
    const timer = setTimeout(() => resolve(null), 5000);
    rl.once('line', (l) => {
      clearTimeout(timer);
      resolve(l);
    });
    rl.once('close', () => resolve(null));
  });
  const local = syscallLog.drain();
  let reply: { port?: number; error?: string; log?: SyscallEntry[] } = {};
  try {
    reply = line ? JSON.parse(line) : {};
  } catch {
    // reported below
  }
  const log = [...local, ...(reply.log ?? []).map((e) => ({ ...e, pid }))];
  if (!reply.port) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
    throw new LabError(`the forwarder did not start: ${reply.error ?? 'no answer'}`, undefined, undefined, log);
  }
  state.forwarder = { pid, port: reply.port, child };
  return outcome(log, [
    `127.0.0.1:${reply.port} (host loopback)  →  forwarder, host PID ${pid}  →  ${net.containerAddr}:${state.server.port} (from inside the lab namespace)`,
    `try it: curl http://127.0.0.1:${reply.port}/`,
  ]);
};

/** Last, the image's Cmd (config.config.Cmd) runs inside the container: its namespaces, its root. */
export const runImageCmd: Action = async (ctx: LabContext) => {
  const merged = requireMerged(ctx);
  const output: string[] = [];
  const image = await ensureLabImage({ onMessage: (l) => output.push(l) });
  if (image.cmd.length === 0) throw new LabError('the image has no Cmd');
  const result = await builderCall<RunResult>(ctx, 'run', { command: ['chroot', merged, ...image.cmd] });
  ctx.lastOutput = lines(result.stdout);
  if (result.status !== 0) {
    throw new LabError(`${image.cmd.join(' ')} exited with ${result.signal ?? 'status ' + result.status}: ${result.stderr.trim()}`, undefined, undefined, result.log);
  }
  const name = ctx.dockerRun?.name;
  return outcome(result.log, [`Cmd ${JSON.stringify(image.cmd)}${name ? ` in ${name}` : ''}:`, ...lines(result.stdout), ...lines(result.stderr).map((l) => `stderr: ${l}`)]);
};
