// signal-at-init on fake /proc status masks, stop-signals on recorded `docker events` answers.
import { describe, expect, it } from 'vitest';
import { signalAtInit, stopSignals } from '../../../src/checks/stopChecks.js';
import { chainLab } from '../../support/fakeChain.js';
import { addGuardedProcess, inspectAnswers, type Guards } from '../../support/fakeContainer.js';

function initWith(g: Guards, nsPids = [6521, 1], wchan = 'do_wait') {
  const { ctx, d } = chainLab();
  inspectAnswers(ctx.sys, d, 'cl-life', { Pid: 6521 });
  addGuardedProcess(ctx.sys, { pid: 6521, ppid: 6500, comm: 'sh', nsPids }, g);
  ctx.sys.files.set('/proc/6521/wchan', wchan);
  return ctx;
}

describe('signal-at-init', () => {
  it('a PID 1 without handler, block or ignore for TERM: dropped', () => {
    expect(signalAtInit.run(initWith({ sigCgt: '0000000000010002' }), { name: 'cl-life', signal: 'TERM', delivered: false })).toEqual({
      ok: true,
      detail: 'PID 6521 sh, PID 1 inside, has neither a handler for TERM nor blocks it (no bit 15 in SigCgt, SigBlk, SigIgn): its action is the default, which the kernel does not carry out on a namespace\'s init: TERM is dropped',
    });
    expect(signalAtInit.run(initWith({}), { name: 'cl-life', signal: 'TERM', delivered: true }).ok).toBe(false);
  });

  it('a handler (SigCgt) or a block (SigBlk) lets it through', () => {
    expect(signalAtInit.run(initWith({ sigCgt: '0000000000004000' }), { name: 'cl-life', signal: 'TERM', delivered: true }).detail).toMatch(/has a handler for TERM \(SigCgt bit 15\): TERM reaches it$/);
    expect(signalAtInit.run(initWith({ sigBlk: '0000000000004000' }), { name: 'cl-life', signal: 'TERM', delivered: true }).detail).toMatch(/blocks TERM \(SigBlk bit 15\).*: TERM reaches it$/);
  });

  it('refuses to tell for a process in sigtimedwait, and for one that is not its namespace\'s init', () => {
    expect(signalAtInit.run(initWith({}, [6521, 1], 'do_sigtimedwait'), { name: 'cl-life', signal: 'TERM', delivered: true }).detail).toMatch(/waits in sigtimedwait\(2\).*cannot tell$/);
    expect(signalAtInit.run(initWith({}, [6521, 7]), { name: 'cl-life', signal: 'TERM', delivered: false })).toEqual({ ok: false, detail: 'PID 6521 sh is PID 7 in its namespace, not its init' });
  });
});

function events(lines: string) {
  const { ctx, d } = chainLab();
  ctx.sys.answer(d.dockerArgv(['events']), { stdout: lines });
  return ctx;
}

describe('stop-signals', () => {
  const killed = '1000000000 create \n2000000000 start \n3000000000 kill 15\n6000000000 kill 9\n6100000000 die 137\n6200000000 stop \n';

  it('the kills after the last start, in order, and how far apart', () => {
    expect(stopSignals.run(events(killed), { name: 'cl-life', signals: [15, 9], graceSeconds: 3 })).toEqual({ ok: true, detail: 'docker events for cl-life: kill signal=15, kill signal=9 3.0 s apart, then die exitCode=137' });
    expect(stopSignals.run(events(killed), { name: 'cl-life', signals: [15, 9], graceSeconds: 5 }).detail).toMatch(/fewer than 5 s apart$/);
    expect(stopSignals.run(events(killed), { name: 'cl-life', signals: [15] }).detail).toMatch(/; expected 15$/);
  });

  it('an earlier run does not count, and a run that has not died fails', () => {
    const restarted = `${killed}7000000000 start \n8000000000 kill 15\n8100000000 die 143\n`;
    expect(stopSignals.run(events(restarted), { name: 'cl-life', signals: [15] })).toEqual({ ok: true, detail: 'docker events for cl-life: kill signal=15, then die exitCode=143' });
    expect(stopSignals.run(events(`${killed}7000000000 start \n`), { name: 'cl-life', signals: [15] }).detail).toBe('docker events: cl-life has not died since its last start');
  });
});
