// Puts a chain program's run into the step's log, strace-style: execve("docker", ["run", ...]) = 0.
import { syscallLog, quote } from '../../native/syscallLog.js';
import type { ProgramRun } from './runProgram.js';

/** One log line for a finished program run: its argv and exit status, how long it ran. */
export function logRun(run: ProgramRun, shown: string[] = run.argv): void {
  const name = shown[0].slice(shown[0].lastIndexOf('/') + 1);
  const args = shown.slice(1).map((a) => (a.length > 60 ? quote(a.slice(0, 57) + '...') : quote(a)));
  const ret = run.status ?? (run.signal ? `killed by ${run.signal}` : -1);
  syscallLog.record(name, args, ret, undefined, run.endedAt - run.startedAt);
}

/** A daemon or watcher started in the background: logged at its spawn. */
export function logSpawn(argv: string[], pid: number, ms?: number): void {
  const name = argv[0].slice(argv[0].lastIndexOf('/') + 1);
  syscallLog.record(`spawn ${name}`, argv.slice(1).map((a) => quote(a)), pid, undefined, ms);
}
