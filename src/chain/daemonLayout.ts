// Where a lab's private containerd and dockerd keep everything, and the exact command lines that start them.
import { join } from 'node:path';
import { chainCgroupParent, dockerdCgroupArgs, type ChainCgroupDriver } from './cgroupDriver.js';

/**
 * Every file and directory of the private daemons lives under one lab directory (the session's,
 * /run/container-lab/session-*): nothing in /var/lib/docker, /var/lib/containerd, /run/docker or
 * /etc/docker. Sockets sit at the top so lab-leaks finds `<dir>/docker.sock`.
 */
export interface DaemonLayout {
  dir: string;
  containerdConfig: string;
  containerdSocket: string;
  containerdRoot: string;
  containerdState: string;
  containerdLog: string;
  containerdPidFile: string;
  dockerConfig: string;
  dockerSocket: string;
  dockerDataRoot: string;
  dockerExecRoot: string;
  dockerPidFile: string;
  dockerLog: string;
  dockerKey: string;
  /** the cgroup parent of docker's and ctr's containers, a directory name below each hierarchy's root: named after the lab, never /docker */
  cgroupParent: string;
  /** who makes the containers' cgroups: runc itself (cgroupfs) or systemd (cgroupDriver.ts) */
  cgroupDriver: ChainCgroupDriver;
}

export function daemonLayout(dir: string, sessionId: string, cgroupDriver: ChainCgroupDriver): DaemonLayout {
  return {
    dir,
    containerdConfig: join(dir, 'containerd.toml'),
    containerdSocket: join(dir, 'containerd.sock'),
    containerdRoot: join(dir, 'containerd', 'root'),
    containerdState: join(dir, 'containerd', 'state'),
    containerdLog: join(dir, 'containerd.log'),
    containerdPidFile: join(dir, 'containerd.pid'),
    dockerConfig: join(dir, 'daemon.json'),
    dockerSocket: join(dir, 'docker.sock'),
    dockerDataRoot: join(dir, 'docker', 'data'),
    dockerExecRoot: join(dir, 'docker', 'exec'),
    dockerPidFile: join(dir, 'dockerd.pid'),
    dockerLog: join(dir, 'dockerd.log'),
    dockerKey: join(dir, 'docker', 'key.json'),
    cgroupParent: chainCgroupParent(`container-lab-${sessionId}-docker`, cgroupDriver),
    cgroupDriver,
  };
}

/**
 * containerd's config (config.toml version 2): its own root, state and sockets; the CRI plugin
 * off (no Kubernetes here, and it would look for CNI); the "opt" plugin, which defaults to
 * /opt/containerd, moved inside the lab directory; no debug or metrics listener.
 */
export function containerdConfig(l: DaemonLayout): string {
  const q = (s: string) => JSON.stringify(s);
  return [
    'version = 2',
    `root = ${q(l.containerdRoot)}`,
    `state = ${q(l.containerdState)}`,
    'disabled_plugins = ["io.containerd.grpc.v1.cri"]',
    '',
    '[grpc]',
    `  address = ${q(l.containerdSocket)}`,
    '[ttrpc]',
    `  address = ${q(l.containerdSocket + '.ttrpc')}`,
    '[debug]',
    '  address = ""',
    '[metrics]',
    '  address = ""',
    '[plugins."io.containerd.internal.v1.opt"]',
    `  path = ${q(join(l.dir, 'containerd', 'opt'))}`,
    '',
  ].join('\n');
}

export function containerdArgs(l: DaemonLayout): string[] {
  return ['--config', l.containerdConfig];
}

/**
 * dockerd, private: its own socket, data and exec roots, pid file and (empty) daemon.json, on
 * the lab's containerd. No network set-up on the host: no docker0 (--bridge=none), no iptables
 * rules, no ip_forward or masquerading. Containers' cgroups go under a lab-named parent: a
 * directory (cgroupfs driver) or, on a systemd v2 host, the lab's slice (cgroupDriver.ts).
 */
export function dockerdArgs(l: DaemonLayout): string[] {
  return [
    '--config-file', l.dockerConfig,
    '--containerd', l.containerdSocket,
    '--data-root', l.dockerDataRoot,
    '--exec-root', l.dockerExecRoot,
    '--pidfile', l.dockerPidFile,
    '-H', `unix://${l.dockerSocket}`,
    '--bridge=none',
    '--iptables=false',
    '--ip6tables=false',
    '--ip-forward=false',
    '--ip-masq=false',
    '--userland-proxy=false',
    ...dockerdCgroupArgs(l.cgroupParent, l.cgroupDriver),
  ];
}

/**
 * daemon.json. dockerd 20.10 writes an identity key to /etc/docker/key.json at start; its only
 * knob is the daemon.json key "deprecated-key-path" (no flag), which moves it into the lab dir.
 */
export function dockerdConfig(l: DaemonLayout, dockerdVersion: string | null): string {
  // dockerd 23 dropped the key (and refuses unknown daemon.json keys)
  const major = Number(/^(\d+)\./.exec(dockerdVersion ?? '')?.[1] ?? 0);
  const config = major > 0 && major < 23 ? { 'deprecated-key-path': l.dockerKey } : {};
  return JSON.stringify(config, null, 2) + '\n';
}
