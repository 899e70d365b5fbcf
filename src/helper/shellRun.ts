// Runs the gated shell of shellCommand.ts: starts it, puts its banner (with its host PID) on the terminal, lets it go, waits.
import { spawn, type StdioOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Writable } from 'node:stream';

/** The first child of a process, as this process's /proc lists it (null if none within a second, or no such /proc). */
async function firstChild(pid: number): Promise<number | null> {
  for (let i = 0; i < 100; i++) {
    try {
      const first = Number(readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(' ')[0]);
      if (first > 0) return first;
    } catch {
      return null; // this process's /proc is not the host's, or the program is gone
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  return null;
}

export interface ShellRun {
  argv: string[];
  /** the terminal: one fd for all three, or the caller's own */
  terminal: number | 'inherit';
  env: NodeJS.ProcessEnv;
  /** lines with `{pid}` for the shell's host PID */
  banner: string[];
  write: (text: string) => void;
  /** called with the started program's PID (to kill it on shutdown) */
  started?: (pid: number) => void;
}

/** Resolves with the shell's exit code (null when it could not start or was killed). */
export async function runShell(o: ShellRun): Promise<number | null> {
  const t = o.terminal;
  const stdio: StdioOptions = [t, t, t, 'pipe'];
  const child = spawn(o.argv[0], o.argv.slice(1), { stdio, env: o.env });
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (c) => resolve(c));
    child.on('error', () => resolve(null));
  });
  if (child.pid !== undefined) {
    o.started?.(child.pid);
    // nsenter(1) --pid forks the shell into the PID namespace: the shell is its child
    const forks = basename(o.argv[0]) === 'nsenter' && o.argv.some((a) => a.startsWith('--pid='));
    const shellPid = forks ? await firstChild(child.pid) : child.pid;
    const pidText = shellPid !== null ? String(shellPid) : `a child of nsenter (host PID ${child.pid})`;
    o.write(o.banner.map((line) => line.replace('{pid}', pidText)).join('\n') + '\n');
  }
  const gate = child.stdio[3] as Writable | null;
  gate?.on('error', () => {}); // the program failed before reading it: its exit code says so
  gate?.end('\n');
  return exited;
}
