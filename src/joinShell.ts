// `container-lab shell`: a shell in a running lesson's container, from another terminal (setns via nsenter(1)).
import { spawnSync } from 'node:child_process';
import { readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { listSessionDirs, sessionIsAlive, stateRoot } from './helper/stateDir.js';
import { whichProgram } from '../native/findProgram.js';

export interface RunningContainer {
  sessionDir: string;
  builderPid: number;
  /** a PID 1 that pivoted into the container's root (the container-by-hand lesson), to join instead */
  initPid: number | null;
  startedAt: number;
}

function livePid(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    readlinkSync(`/proc/${pid}/ns/mnt`);
    return pid;
  } catch {
    return null;
  }
}

/** Live sessions that have a container process, newest first. */
export function runningContainers(root = stateRoot()): RunningContainer[] {
  const out: RunningContainer[] = [];
  for (const dir of listSessionDirs(root)) {
    if (!sessionIsAlive(dir)) continue;
    try {
      const builderPid = Number(readFileSync(join(dir, 'builder.pid'), 'utf8').trim());
      readlinkSync(`/proc/${builderPid}/ns/mnt`); // still there, and ours to look at
      out.push({ sessionDir: dir, builderPid, initPid: livePid(join(dir, 'init.pid')), startedAt: statSync(join(dir, 'builder.pid')).mtimeMs });
    } catch {
      // a session between containers (rebuilding) or one we may not enter
    }
  }
  return out.sort((a, b) => b.startedAt - a.startedAt);
}

/**
 * The namespaces to join are the container process's own, except PID: it stays in the host's
 * PID namespace and its children go to ns/pid_for_children (pid_namespaces(7)), so that is the
 * one to enter. Root and working directory come from /proc/<pid>/root and cwd.
 */
export function nsenterArgs(pid: number, rootless: boolean): string[] {
  const ns = (name: string) => `/proc/${pid}/ns/${name}`;
  const args = [
    `--mount=${ns('mnt')}`, `--uts=${ns('uts')}`, `--ipc=${ns('ipc')}`, `--net=${ns('net')}`, `--cgroup=${ns('cgroup')}`,
    `--root=/proc/${pid}/root`, `--wd=/proc/${pid}/root`,
  ];
  try {
    readlinkSync(ns('pid_for_children'));
    args.push(`--pid=${ns('pid_for_children')}`);
  } catch {
    // no new PID namespace yet (or its PID 1 is not started): stay in this one
  }
  if (rootless) args.unshift(`--user=${ns('user')}`, '--preserve-credentials');
  return args;
}

export function joinShell(out: (line: string) => void, err: (line: string) => void): number {
  const nsenter = whichProgram('nsenter');
  if (!nsenter) {
    err('container-lab: nsenter(1) is missing: install util-linux');
    return 1;
  }
  const [target] = runningContainers();
  if (!target) {
    err('container-lab: no lesson is running a container here. Open one (container-lab <lesson>), run a step or two, then try again.');
    return 1;
  }
  const rootless = (process.geteuid?.() ?? 0) !== 0;
  const pid = target.initPid ?? target.builderPid;
  const args = nsenterArgs(pid, rootless);
  out(`container-lab: joining the container of ${target.sessionDir} (${target.initPid !== null ? 'its PID 1' : 'container process'} ${pid}):`);
  out(`  nsenter ${args.join(' ')} /bin/sh`);
  out('  type exit to leave; the lesson keeps running.');
  // +m (no job control): from inside the PID namespace the shell could take the terminal but
  // never give it back to our process group, whose ID it cannot name (see the builder's shell).
  const r = spawnSync(nsenter, [...args, '--', '/bin/sh', '-i', '+m'], {
    stdio: 'inherit',
    env: { ...process.env, PS1: '[container-lab joined] # ', ENV: '' },
  });
  if (r.error) {
    err(`container-lab: ${r.error.message}`);
    return 1;
  }
  return r.status ?? 1;
}
