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
