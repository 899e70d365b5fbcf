// Checks for docker stop: whether TERM can reach a container's PID 1 (its signal masks), and which signals dockerd sent, in order.
import * as z from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import { ask, dockerArgv } from './chainChecks.js';
import { containerName, inspectContainer, runningPid } from './dockerInspect.js';
import { hasSignal, readGuards } from '../chain/procGuards.js';
import { readProc } from '../chain/procRead.js';
import type { Sys } from '../sys/types.js';

function wchanOf(sys: Sys, pid: number): string {
  try {
    return sys.readFile(`/proc/${pid}/wchan`).trim();
  } catch {
    return '';
  }
}

const SIGNALS = { HUP: 1, INT: 2, QUIT: 3, TERM: 15 } as const;

export const signalAtInit = defineCheck({
  name: 'signal-at-init',
  params: z.strictObject({ name: containerName, signal: z.enum(['HUP', 'INT', 'QUIT', 'TERM']).default('TERM'), delivered: z.boolean() }),
  doc: 'Whether `signal` sent to the container\'s first process (its PID from `docker inspect`) would reach it. The '
    + 'process must be PID 1 of its PID namespace (the last NSpid in /proc/<pid>/status is 1): the kernel marks a '
    + 'namespace\'s init SIGNAL_UNKILLABLE and drops every signal whose action is the default (kernel/signal.c '
    + 'sig_task_ignored), SIGKILL and SIGSTOP from an ancestor namespace excepted. So the signal arrives when its bit '
    + 'is set in SigCgt (a handler) or SigBlk (blocked: it stays pending until the process takes it), and is dropped '
    + 'otherwise. A process waiting in sigtimedwait(2) fails it either way: the set it waits for is not in /proc. '
    + '`delivered` says which the lesson expects.',
  reads: ['`docker inspect` State.Pid (run by the check)', '/proc/<pid>/status NSpid, SigBlk, SigIgn, SigCgt', '/proc/<pid>/stat comm', '/proc/<pid>/wchan'],
  run: (ctx, { name, signal, delivered }) => {
    const pid = runningPid(inspectContainer(ctx, name));
    if (typeof pid === 'string') return fail(pid);
    const g = readGuards(ctx.sys, pid);
    if (!g) return fail(`PID ${pid} is gone`);
    const comm = readProc(ctx.sys, pid)?.comm ?? '?';
    if (g.nsPids[g.nsPids.length - 1] !== 1) return fail(`PID ${pid} ${comm} is PID ${g.nsPids.at(-1)} in its namespace, not its init`);
    const n = SIGNALS[signal];
    // rt_sigtimedwait(2) unblocks the set it waits for in SigBlk for the call's length (the kernel keeps it in real_blocked, which /proc does not show)
    if (!hasSignal(g.sigCgt, n) && !hasSignal(g.sigBlk, n) && wchanOf(ctx.sys, pid) === 'do_sigtimedwait') {
      return fail(`PID ${pid} ${comm} waits in sigtimedwait(2): whether ${signal} is in the set it waits for is not in /proc, so the check cannot tell`);
    }
    const how = hasSignal(g.sigCgt, n) ? `has a handler for ${signal} (SigCgt bit ${n})`
      : hasSignal(g.sigBlk, n) ? `blocks ${signal} (SigBlk bit ${n}): it stays pending until the process takes it`
        : hasSignal(g.sigIgn, n) ? `ignores ${signal} (SigIgn bit ${n})`
          : `has neither a handler for ${signal} nor blocks it (no bit ${n} in SigCgt, SigBlk, SigIgn): its action is the default, which the kernel does not carry out on a namespace's init`;
    const arrives = hasSignal(g.sigCgt, n) || hasSignal(g.sigBlk, n);
    const said = `PID ${pid} ${comm}, PID 1 inside, ${how}: ${signal} ${arrives ? 'reaches it' : 'is dropped'}`;
    return arrives === delivered ? pass(said) : fail(said);
  },
});

export const stopSignals = defineCheck({
  name: 'stop-signals',
  params: z.strictObject({
    name: containerName,
    signals: z.array(z.number().int().min(1).max(64)).min(1).max(4),
    /** at least this many seconds between the first signal and the second */
    graceSeconds: z.number().min(0).max(60).optional(),
  }),
  doc: 'The signals dockerd sent the container in its last run, from dockerd\'s own event log: `docker events` '
    + '(run by the check, replayed up to now) after the container\'s last start event has a kill event for each '
    + 'signal it sent, then a die. They must be `signals`, in that order; with `graceSeconds`, at least that long '
    + 'passed between the first and the second (docker stop\'s grace period). The detail gives the die\'s exitCode.',
  reads: ['`docker events --filter container=<name>` (run by the check): start, kill (signal), die (exitCode)'],
  run: (ctx, { name, signals, graceSeconds }) => {
    const until = String(Math.ceil(Date.now() / 1000));
    const format = '{{.TimeNano}} {{.Action}} {{index .Actor.Attributes "signal"}}{{index .Actor.Attributes "exitCode"}}';
    const events = ask(ctx, dockerArgv(ctx, ['events', '--since', '1', '--until', until, '--filter', `container=${name}`, '--filter', 'type=container', '--format', format]))
      .split('\n').map((l) => l.trim().split(' ')).filter((f) => f.length >= 2);
    const start = events.map((e) => e[1]).lastIndexOf('start');
    const run = events.slice(start + 1);
    const dieAt = run.findIndex((e) => e[1] === 'die');
    if (dieAt < 0) return fail(`docker events: ${name} has not died since its last start`);
    const kills = run.slice(0, dieAt).filter((e) => e[1] === 'kill');
    const sent = kills.map((e) => Number(e[2]));
    const gap = kills.length > 1 ? (Number(BigInt(kills[1][0]) - BigInt(kills[0][0])) / 1e9) : null;
    const said = `docker events for ${name}: kill ${sent.map((s) => `signal=${s}`).join(', kill ') || '(none)'}${gap !== null ? ` ${gap.toFixed(1)} s apart` : ''}, then die exitCode=${run[dieAt][2] ?? '?'}`;
    if (sent.join(',') !== signals.join(',')) return fail(`${said}; expected ${signals.join(' then ')}`);
    if (graceSeconds !== undefined && (gap === null || gap < graceSeconds - 0.05)) return fail(`${said}; fewer than ${graceSeconds} s apart`);
    return pass(said);
  },
});
