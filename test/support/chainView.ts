// The chain lessons' state read by the tests themselves: /proc, the daemons' own CLIs on the lab's sockets, mountinfo, cgroupfs.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

export interface ProcRow {
  pid: number;
  ppid: number;
  comm: string;
  cmdline: string;
}

export function procTable(): ProcRow[] {
  const rows: ProcRow[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const fields = stat.slice(close + 2).split(' ');
      if (fields[0] === 'Z') continue;
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      rows.push({ pid: Number(name), ppid: Number(fields[1]), comm: stat.slice(stat.indexOf('(') + 1, close), cmdline });
    } catch {
      // exited while listed
    }
  }
  return rows;
}

/** Processes whose command line names the session directory (the daemons, shims, runc, the CLIs). */
export function sessionProcesses(sessionDir: string): ProcRow[] {
  return procTable().filter((p) => p.cmdline.includes(sessionDir + '/'));
}

export function parentComm(pid: number): string {
  const ppid = Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
  return readFileSync(`/proc/${ppid}/comm`, 'utf8').trim();
}

function binary(name: string): string {
  for (const dir of ['/usr/bin', '/usr/sbin', '/bin', '/sbin', '/usr/local/bin']) if (existsSync(join(dir, name))) return join(dir, name);
  throw new Error(`${name} is not installed`);
}

/** The docker CLI of the distribution (the one next to dockerd), on the lab's socket. */
export function dockerCli(sessionDir: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const cli = existsSync('/usr/bin/docker') ? '/usr/bin/docker' : binary('docker');
  const r = spawnSync(cli, ['-H', `unix://${sessionDir}/docker.sock`, ...args], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, DOCKER_CONFIG: join(sessionDir, 'test-docker-cli') } });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

export function ctrCli(sessionDir: string, namespace: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(binary('ctr'), ['--address', `${sessionDir}/containerd.sock`, '--namespace', namespace, ...args], { encoding: 'utf8', timeout: 20_000 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

function isSocket(path: string): boolean {
  try {
    return statSync(path).isSocket();
  } catch {
    return false;
  }
}

/** capabilities(7) numbers: CAP_SYS_CHROOT 18, CAP_SYS_ADMIN 21. */
const CAP_SYS_CHROOT = 18n;
const CAP_SYS_ADMIN = 21n;

/** Docker's default set (moby oci/caps/defaults.go): CAP_SYS_CHROOT kept, CAP_SYS_ADMIN dropped, 14 in all. */
function expectDockerDefaultCaps(pid: number): void {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  for (const field of ['CapBnd', 'CapEff']) {
    const mask = BigInt('0x' + new RegExp(`^${field}:\\s+([0-9a-f]+)$`, 'm').exec(status)![1]);
    expect((mask >> CAP_SYS_CHROOT) & 1n, `${field} holds CAP_SYS_CHROOT`).toBe(1n);
    expect((mask >> CAP_SYS_ADMIN) & 1n, `${field} lacks CAP_SYS_ADMIN`).toBe(0n);
    expect([...mask.toString(2)].filter((b) => b === '1'), `${field}: 14 capabilities`).toHaveLength(14);
  }
}

/** runc brings lo up in a network namespace it makes (runc 1.1 specconv "loopback" network), and --network none adds nothing. */
function expectOnlyLoUp(pid: number): void {
  const r = spawnSync('nsenter', ['--target', String(pid), '--net', '--', 'ip', '-o', 'link', 'show'], { encoding: 'utf8', timeout: 5000 });
  const links = r.stdout.trim().split('\n').map((l) => /^\d+:\s+([^:@]+)[^<]*<([^>]*)>/.exec(l)?.slice(1, 3));
  expect(links, 'only lo, and it is UP').toEqual([['lo', expect.stringMatching(/(^|,)UP(,|$)/)]]);
}

/**
 * dockerd asks containerd for no snapshot: the bundle's rootfs/ is an empty directory with nothing mounted on it,
 * and root.path is an overlay dockerd mounted itself, the container's root. Read in dockerd's own mountinfo.
 */
function expectRootMountedByDockerd(sessionDir: string, bundle: string, config: any, pid: number): void {
  const dockerd = sessionProcesses(sessionDir).find((r) => r.comm === 'dockerd');
  expect(dockerd, 'the lab\'s dockerd').toBeTruthy();
  const mounts = readFileSync(`/proc/${dockerd!.pid}/mountinfo`, 'utf8').split('\n').filter(Boolean).map((l) => l.split(' '));
  const at = (path: string) => mounts.filter((f) => f[4] === path).map((f) => f[f.indexOf('-', 6) + 1]);
  expect(readdirSync(join(bundle, 'rootfs')), 'rootfs/ is empty').toEqual([]);
  expect(at(join(bundle, 'rootfs')), 'nothing mounted on rootfs/').toEqual([]);
  expect(config.root.path).toMatch(new RegExp(`^${sessionDir}/.+/(overlay2/[0-9a-f]+/merged|rootfs/overlayfs/[0-9a-f]{64})$`));
  expect(at(config.root.path), 'root.path is an overlay mount point').toEqual(['overlay']);
  const root = statSync(`/proc/${pid}/root`);
  const merged = statSync(config.root.path);
  expect([root.dev, root.ino], 'the container runs in it').toEqual([merged.dev, merged.ino]);
}

/** What the generic chain actions must have done, checked without the app. */
export function verifyChainStep(action: string, p: Record<string, any>, sessionDir: string): void {
  switch (action) {
    case 'start-daemons': {
      const procs = sessionProcesses(sessionDir);
      expect(procs.some((r) => r.comm === 'containerd'), 'a containerd names the session dir').toBe(true);
      expect(isSocket(`${sessionDir}/containerd.sock`)).toBe(true);
      if (p.docker !== false) {
        const dockerd = procs.find((r) => r.comm === 'dockerd');
        expect(dockerd?.cmdline).toContain('--bridge=none');
        expect(dockerd?.cmdline).toContain('--iptables=false');
        expect(isSocket(`${sessionDir}/docker.sock`)).toBe(true);
        expect(dockerCli(sessionDir, ['version', '--format', '{{.Server.Version}}']).status).toBe(0);
      }
      // nothing of the daemons' state in the host's default places
      expect(existsSync('/etc/docker/key.json'), 'dockerd wrote /etc/docker/key.json').toBe(false);
      break;
    }
    case 'load-image':
      for (const into of p.into ?? ['docker']) {
        if (into === 'docker') expect(dockerCli(sessionDir, ['image', 'inspect', 'container-lab/lab:latest']).status).toBe(0);
        else expect(ctrCli(sessionDir, p.namespace ?? 'default', ['images', 'ls', '-q']).stdout.split('\n')).toContain('docker.io/container-lab/lab:latest');
      }
      break;
    case 'docker': {
      const args: string[] = p.args;
      if (args[0] === 'run' && args.some((a) => a === '-d' || a === '--detach')) {
        const ids = dockerCli(sessionDir, ['ps', '-q', '--no-trunc', '--filter', 'label=container-lab']).stdout.trim().split('\n').filter(Boolean);
        expect(ids.length, 'a labelled container runs').toBeGreaterThan(0);
        const pid = Number(dockerCli(sessionDir, ['inspect', '--format', '{{.State.Pid}}', ids[0]]).stdout.trim());
        expect(pid).toBeGreaterThan(0);
        expect(parentComm(pid)).toMatch(/^containerd-shim/);
        expect(readFileSync(`/proc/${pid}/cgroup`, 'utf8')).toContain('container-lab-');
        if (!args.some((a) => a === '--privileged' || a.startsWith('--cap-'))) expectDockerDefaultCaps(pid);
        if (!args.some((a) => a.startsWith('--network') || a.startsWith('--net='))) expectOnlyLoUp(pid);
      }
      break;
    }
    case 'ctr': {
      const args: string[] = p.args;
      if (args[0] === 'run' && args.includes('-d') && p.id) {
        const line = ctrCli(sessionDir, p.namespace ?? 'default', ['task', 'ls']).stdout.split('\n').find((l) => l.startsWith(p.id + ' '));
        expect(line, `ctr task ls lists ${p.id}`).toMatch(/RUNNING/);
      }
      break;
    }
    case 'traced-run': {
      // runc came and went: no runc process of the lab remains once docker run has returned
      expect(sessionProcesses(sessionDir).filter((r) => r.comm === 'runc').map((r) => r.pid)).toEqual([]);
      if ((p.args as string[]).some((a) => a === '-d' || a === '--detach')) verifyChainStep('docker', p, sessionDir);
      break;
    }
    case 'show-bundle': {
      const ids = dockerCli(sessionDir, ['ps', '-q', '--no-trunc', '--filter', 'label=container-lab']).stdout.trim().split('\n').filter(Boolean);
      const config = JSON.parse(readFileSync(`${sessionDir}/containerd/state/io.containerd.runtime.v2.task/moby/${ids[0]}/config.json`, 'utf8'));
      const pid = Number(dockerCli(sessionDir, ['inspect', '--format', '{{.State.Pid}}', ids[0]]).stdout.trim());
      expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean)).toEqual(config.process.args);
      expectRootMountedByDockerd(sessionDir, `${sessionDir}/containerd/state/io.containerd.runtime.v2.task/moby/${ids[0]}`, config, pid);
      // Docker 20.10 up to 27 wires the network in a prestart hook runc runs during create; 28 and later do it themselves
      const major = Number(dockerCli(sessionDir, ['version', '--format', '{{.Server.Version}}']).stdout.trim().split('.')[0]);
      const hooks = (config.hooks?.prestart ?? []).map((h: { args?: string[] }) => h.args?.[0]);
      if (major < 28) expect(hooks, 'the libnetwork-setkey prestart hook').toContain('libnetwork-setkey');
      else expect(hooks).not.toContain('libnetwork-setkey');
      break;
    }
    case 'containerd-view': {
      // the test asks containerd itself: the container docker made is there, and its task runs
      const ids = dockerCli(sessionDir, ['ps', '-q', '--no-trunc', '--filter', 'label=container-lab']).stdout.trim().split('\n').filter(Boolean);
      expect(ids.length).toBeGreaterThan(0);
      expect(ctrCli(sessionDir, p.namespace ?? 'moby', ['containers', 'ls', '-q']).stdout.split('\n')).toContain(ids[0]);
      expect(ctrCli(sessionDir, p.namespace ?? 'moby', ['tasks', 'ls']).stdout).toMatch(new RegExp(`^${ids[0]}\\s+\\d+\\s+RUNNING`, 'm'));
      break;
    }
    case 'api-proxy': {
      // the test's own request through the proxy's socket reaches dockerd and comes back
      const r = spawnSync('curl', ['-s', '--max-time', '5', '--unix-socket', `${sessionDir}/api-proxy.sock`, 'http://docker/_ping'], { encoding: 'utf8' });
      expect(r.stdout).toBe('OK');
      break;
    }
    default:
      throw new Error(`no chain verification for ${action}`);
  }
}

/** containerd 1.6's shim sockets (/run/containerd/s), which a killed shim cannot remove itself. */
export function shimSockets(): string[] {
  try {
    return readdirSync('/run/containerd/s');
  } catch {
    return [];
  }
}

/** What a closed chain lesson may not leave: processes naming its dir, mounts under it, its cgroups, the dir. */
export function chainLeftovers(sessionDir: string): string[] {
  const left: string[] = [];
  for (const p of sessionProcesses(sessionDir)) left.push(`process ${p.pid} ${p.comm}`);
  for (const line of readFileSync('/proc/self/mountinfo', 'utf8').split('\n')) if (line.includes(sessionDir)) left.push(`mount ${line.split(' ')[4]}`);
  if (existsSync(sessionDir)) left.push(`dir ${sessionDir}`);
  return left;
}
