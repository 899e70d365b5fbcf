// The tests' own reading of kernel state: plain /proc reads and util-linux tools, no app code.
import { existsSync, readFileSync, readlinkSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

export function nsLink(pid: number | 'self', name: string): string {
  return readlinkSync(`/proc/${pid}/ns/${name}`);
}

export function statusField(pid: number, field: string): string {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(field + ':'));
  if (!line) throw new Error(`no ${field} in /proc/${pid}/status`);
  return line.slice(field.length + 1).trim();
}

/** Alive means present and not a zombie. */
export function isAlive(pid: number): boolean {
  if (!existsSync(`/proc/${pid}`)) return false;
  try {
    return !/^Z/.test(statusField(pid, 'State'));
  } catch {
    return false;
  }
}

/** The running lesson's container process, from its session's builder.pid (a warm spare builder may run beside it). */
export function builderPid(): number {
  const root = '/run/container-lab';
  for (const name of readdirSync(root)) {
    try {
      if (name.startsWith('session-')) return Number(readFileSync(`${root}/${name}/builder.pid`, 'utf8').trim());
    } catch {
      // a session without a container process yet
    }
  }
  throw new Error('no container process is running');
}

export function mountinfo(pid: number | 'self'): string[] {
  return readFileSync(`/proc/${pid}/mountinfo`, 'utf8').trim().split('\n');
}

/**
 * What mountinfo's "root" field (its 4th) says for a bind mount of this host path: the path inside
 * the file system that holds it. As root the session directory is a tmpfs of its own, so
 * <session>/rootfs is "/rootfs" there; read from the host's mount table, not assumed.
 */
export function rootFieldOf(path: string): string {
  const holder = mountinfo('self').map((l) => l.split(' '))
    .filter((f) => path === f[4] || path.startsWith(f[4] === '/' ? '/' : `${f[4]}/`))
    .sort((a, b) => b[4].length - a[4].length)[0];
  const rest = holder[4] === '/' ? path : path.slice(holder[4].length);
  return holder[3] === '/' ? rest || '/' : `${holder[3]}${rest}`;
}

export function inNamespaces(pid: number, flags: string[], argv: string[]): string {
  return execFileSync('nsenter', ['--target', String(pid), ...flags, '--', ...argv], { encoding: 'utf8' });
}

export function labMountsOnHost(): string[] {
  return mountinfo('self').filter((l) => /container-lab|\/cl-/.test(l));
}

/** Processes whose command line names the lab (helper, builder, init, shells, the chain lessons' daemons and shims). */
export function labProcesses(): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if ((/container-lab-(helper|builder|init|sh)/.test(cmd) || cmd.includes('/run/container-lab/session-')) && isAlive(Number(name))) out.push(Number(name));
    } catch {
      // gone
    }
  }
  return out;
}

export function labCgroupDirs(): string[] {
  const out: string[] = [];
  for (const top of readdirSync('/sys/fs/cgroup')) {
    const dir = `/sys/fs/cgroup/${top}`;
    try {
      for (const name of readdirSync(dir)) if (name.startsWith('container-lab')) out.push(`${dir}/${name}`);
    } catch {
      // not a directory
    }
  }
  try {
    for (const name of readdirSync('/sys/fs/cgroup')) if (name.startsWith('container-lab')) out.push(`/sys/fs/cgroup/${name}`);
  } catch {
    // no cgroupfs
  }
  return out;
}

export async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return condition();
}
