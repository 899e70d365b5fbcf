// Starts the crash guard (reaper.ts), once per helper, and tells it which sessions and daemon directories to clean if the helper dies.
import { spawn, type ChildProcess } from 'node:child_process';
import { idleNodeFlags, programs } from '../sys/paths.js';

export interface Reaper {
  pid: number;
  /** a lesson session (Lab.open): its directory, cgroups, mounts and processes go if the helper dies */
  watchSession(dir: string): void;
  /** the session was closed by the helper itself */
  releaseSession(dir: string): void;
  /** a chain lesson's private daemons under dir, with the cgroup parent made for them */
  watch(dir: string, cgroupParent: string): void;
  release(dir: string): void;
  /** the helper is done: the reaper ends, after cleaning only what is still watched */
  close(): void;
}

let current: Reaper | null = null;

export function startReaper(): Reaper {
  if (current) return current;
  // detached: a session and process group of its own, so a kill of the app's group does not reach it
  const child: ChildProcess = spawn(process.execPath, [...idleNodeFlags, programs.reaper, '--container-lab-reaper'], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
  child.unref();
  child.on('error', () => {});
  child.stdin?.on('error', () => {});
  const send = (line: string) => child.stdin?.write(line + '\n');
  current = {
    pid: child.pid ?? -1,
    watchSession: (dir) => send(`session ${dir}`),
    releaseSession: (dir) => send(`end-session ${dir}`),
    watch: (dir, cgroupParent) => send(`watch ${cgroupParent} ${dir}`),
    release: (dir) => send(`release ${dir}`),
    close: () => {
      child.stdin?.end();
      current = null;
    },
  };
  return current;
}
