// Starts the crash guard (reaper.ts) and tells it which daemon directories to clean if the helper dies.
import { spawn, type ChildProcess } from 'node:child_process';
import { programs } from '../sys/paths.js';

export interface Reaper {
  pid: number;
  watch(dir: string, cgroupParent: string): void;
  release(dir: string): void;
  /** the helper is done: the reaper ends, after cleaning only what is still watched */
  close(): void;
}

let current: Reaper | null = null;

export function startReaper(): Reaper {
  if (current) return current;
  const child: ChildProcess = spawn(process.execPath, [programs.reaper], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
  child.unref();
  child.on('error', () => {});
  child.stdin?.on('error', () => {});
  const send = (line: string) => child.stdin?.write(line + '\n');
  current = {
    pid: child.pid ?? -1,
    watch: (dir, cgroupParent) => send(`watch ${cgroupParent} ${dir}`),
    release: (dir) => send(`release ${dir}`),
    close: () => {
      child.stdin?.end();
      current = null;
    },
  };
  return current;
}
