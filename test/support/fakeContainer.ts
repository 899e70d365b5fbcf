// A docker container as the lesson-15 checks ask about it: dockerd's inspect answer and its first process's /proc status on a recording Sys.
import type { PrivateDaemons } from '../../src/chain/daemons.js';
import type { RecordingSys } from './recordingSys.js';
import { addProcess, type FakeProcess } from './fakeProc.js';

export interface FakeState { Status?: string; Running?: boolean; Paused?: boolean; Pid?: number; ExitCode?: number }

/** `docker inspect --type container <name>` answers with this state and, unless null, UpperDir `upper`. */
export function inspectAnswers(sys: RecordingSys, d: PrivateDaemons, name: string, state: FakeState, upper: string | null = null): void {
  const State = { Status: 'running', Running: true, Paused: false, Pid: 0, ExitCode: 0, ...state };
  const GraphDriver = { Name: 'overlay2', Data: upper ? { UpperDir: upper, MergedDir: upper.replace(/diff$/, 'merged') } : null };
  sys.answer(d.dockerArgv(['inspect', '--type', 'container', name]), { stdout: JSON.stringify([{ Id: 'f'.repeat(64), Name: `/${name}`, State, GraphDriver }]) });
}

export interface Guards { capEff?: string; seccomp?: number; sigBlk?: string; sigIgn?: string; sigCgt?: string }

/** A process whose status also has the lines procGuards reads (CapEff, Seccomp, NoNewPrivs, the signal masks). */
export function addGuardedProcess(sys: RecordingSys, p: FakeProcess, g: Guards = {}): void {
  addProcess(sys, p);
  const status = sys.files.get(`/proc/${p.pid}/status`)!;
  sys.files.set(`/proc/${p.pid}/status`, status
    + `SigBlk:\t${g.sigBlk ?? '0000000000000000'}\nSigIgn:\t${g.sigIgn ?? '0000000000000000'}\nSigCgt:\t${g.sigCgt ?? '0000000000000000'}\n`
    + `CapEff:\t${g.capEff ?? '00000000a80425fb'}\nNoNewPrivs:\t0\nSeccomp:\t${g.seccomp ?? 2}\n`);
}
