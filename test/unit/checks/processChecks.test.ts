// init-pid-inside, init-visible-from-host, proc-lists-only-container: NSpid and /proc from both sides.
import { describe, expect, it } from 'vitest';
import { initPidInside, initVisibleFromHost, procListsOnlyContainer, pidsInNamespace } from '../../../src/checks/processChecks.js';
import { fakeLab } from '../../support/fakeLab.js';
import { RecordingSys } from '../../support/recordingSys.js';
import { status } from './procFiles.js';

const PIDNS = 'pid:[4026532176]';

/** The host's /proc: the container process 1000 (host PID namespace), PID 1 as 2000, a sleeper 2001, the helper 900. */
function host(): RecordingSys {
  return new RecordingSys({
    files: {
      '/proc/2000/status': status({ pid: 2000, ppid: 1000, nsPids: [2000, 1] }),
      '/proc/2000/cmdline': 'container-lab-init\0infinity\0',
      '/proc/2001/status': status({ pid: 2001, ppid: 2000, nsPids: [2001, 2] }),
      '/proc/900/status': status({ pid: 900, ppid: 1 }),
    },
    links: {
      '/proc/1000/ns/pid_for_children': PIDNS,
      '/proc/2000/ns/pid': PIDNS, '/proc/2001/ns/pid': PIDNS, '/proc/900/ns/pid': 'pid:[4026531836]',
    },
    dirs: ['/proc/self'],
  });
}

describe('init-pid-inside / init-visible-from-host', () => {
  it('read NSpid: host PID first, PID inside last', () => {
    const ctx = fakeLab({ sys: host(), initPid: 2000 });
    expect(initPidInside.run(ctx, { equals: 1 })).toEqual({ ok: true, detail: 'host PID 2000 is PID 1 inside (NSpid: 2000 1)' });
    expect(initPidInside.run(ctx, { equals: 2 }).ok).toBe(false);
    expect(initVisibleFromHost.run(ctx, {})).toEqual({ ok: true, detail: 'the host\'s /proc has it: PID 2000 "container-lab-init infinity", parent 1000' });
  });

  it('fail with no PID 1, or when the host\'s /proc names it otherwise', () => {
    expect(initPidInside.run(fakeLab(), { equals: 1 })).toEqual({ ok: false, detail: 'no PID 1 has been started' });
    expect(initVisibleFromHost.run(fakeLab(), {}).ok).toBe(false);
    const sys = host();
    sys.files.set('/proc/2000/status', status({ pid: 7, ppid: 0, nsPids: [7, 1] }));
    expect(initVisibleFromHost.run(fakeLab({ sys, initPid: 2000 }), {}).detail).toBe('host /proc/2000 shows NSpid 7 1');
  });
});

describe('proc-lists-only-container', () => {
  it('maps the host\'s processes in the namespace to their PIDs inside', () => {
    expect([...pidsInNamespace(PIDNS, host())].sort()).toEqual([1, 2]);
  });

  it('passes when ls /proc inside lists PID 1 and only the namespace\'s PIDs', () => {
    const ctx = fakeLab({ sys: host() });
    ctx.sys.answer(['nsenter', '--target', '1000', '--mount', '--', 'ls', '/proc'], { stdout: '1\n2\nself\nuptime\n' });
    expect(procListsOnlyContainer.run(ctx, {})).toEqual({ ok: true, detail: '/proc inside lists 2 processes: 1 2' });
  });

  it('fails when /proc inside is still the host\'s, or lacks PID 1', () => {
    const ctx = fakeLab({ sys: host() });
    ctx.sys.answer(['nsenter', '--target', '1000', '--mount', '--', 'ls', '/proc'], { stdout: '1\n2\n900\n' });
    expect(procListsOnlyContainer.run(ctx, {})).toEqual({ ok: false, detail: '/proc inside lists PIDs outside the container: 900' });
    const empty = fakeLab({ sys: host() });
    empty.sys.answer(['nsenter'], { stdout: 'self\n' });
    expect(procListsOnlyContainer.run(empty, {}).detail).toBe('/proc inside lists nothing; PID 1 is missing');
  });
});
