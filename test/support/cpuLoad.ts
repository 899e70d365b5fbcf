// A busy host for the crash tests: one CPU hog per core (nice 0), started by the test and ended by PID.
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';

export interface CpuLoad {
  pids: number[];
  stop(): void;
}

/** `nproc` busy loops of sh(1) at the default priority; stop() SIGKILLs them by PID. */
export function startCpuLoad(count = availableParallelism()): CpuLoad {
  const hogs: ChildProcess[] = [];
  for (let i = 0; i < count; i++) {
    hogs.push(spawn('nice', ['-n', '0', 'sh', '-c', 'while :; do :; done'], { stdio: 'ignore' }));
  }
  return {
    pids: hogs.map((h) => h.pid!).filter((p) => p > 0),
    stop: () => {
      for (const h of hogs) if (h.exitCode === null && h.signalCode === null) h.kill('SIGKILL');
    },
  };
}
