// What a learner leaves running while a task is checked: a command in its own process group, found in /proc, killed after.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { isAlive, until } from './kernelView.js';

/** PPid and comm of every process now in /proc. */
function processTable(): Array<{ pid: number; ppid: number; comm: string }> {
  const out: Array<{ pid: number; ppid: number; comm: string }> = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      out.push({ pid: Number(name), ppid: Number(stat.slice(close + 2).split(' ')[1]), comm: stat.slice(stat.indexOf('(') + 1, close) });
    } catch {
      // gone
    }
  }
  return out;
}

/** The live descendants of a process, with their comm. */
export function descendants(pid: number): Array<{ pid: number; comm: string }> {
  const table = processTable();
  const found: Array<{ pid: number; comm: string }> = [];
  const queue = [pid];
  while (queue.length) {
    const parent = queue.shift()!;
    for (const p of table.filter((t) => t.ppid === parent && isAlive(t.pid))) {
      found.push({ pid: p.pid, comm: p.comm });
      queue.push(p.pid);
    }
  }
  return found;
}

/** Commands started like a learner's, each in a process group of its own; stop() kills every group. */
export class LearnerProcesses {
  private readonly started: ChildProcess[] = [];

  /** Starts argv detached; resolves once a descendant (or the process itself) named `comm` runs. */
  async start(argv: string[], comm: string, timeoutMs = 5000): Promise<number> {
    const child = spawn(argv[0], argv.slice(1), { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d) => (stderr += String(d)));
    this.started.push(child);
    let pid: number | undefined;
    const ok = await until(() => {
      const self = child.pid !== undefined && isAlive(child.pid) && readFileSync(`/proc/${child.pid}/comm`, 'utf8').trim() === comm;
      pid = self ? child.pid : descendants(child.pid!).find((d) => d.comm === comm)?.pid;
      return pid !== undefined;
    }, timeoutMs);
    if (!ok || pid === undefined) throw new Error(`${argv.join(' ')}: no ${comm} started (${stderr.trim() || 'no error output'})`);
    return pid;
  }

  /** SIGKILL to every group started, then waits until their leaders are gone. */
  async stop(): Promise<void> {
    for (const child of this.started) {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // the group is gone already
      }
    }
    await until(() => this.started.every((c) => c.pid === undefined || !isAlive(c.pid)), 3000);
    this.started.length = 0;
  }
}
