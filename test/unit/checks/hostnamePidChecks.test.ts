// hostname-names-pid: the hostname inside against the container's PID namespace as the host's /proc lists it.
import { describe, expect, it } from 'vitest';
import { hostnameNamesPid } from '../../../src/checks/hostnamePidChecks.js';
import { fakeLab } from '../../support/fakeLab.js';
import { RecordingSys } from '../../support/recordingSys.js';
import { status } from './procFiles.js';

const PIDNS = 'pid:[4026532176]';

/** The host's /proc: container process 1000 (host PID namespace), PID 1 as 2000, a sleeper 2001 (PID 2 inside), the helper 900. */
function lab(hostname: string, rootless = false) {
  const sys = new RecordingSys({
    files: {
      '/proc/2000/status': status({ pid: 2000, ppid: 1000, nsPids: [2000, 1] }),
      '/proc/2001/status': status({ pid: 2001, ppid: 2000, nsPids: [2001, 2] }),
      '/proc/900/status': status({ pid: 900, ppid: 1 }),
    },
    links: { '/proc/1000/ns/pid_for_children': PIDNS, '/proc/2000/ns/pid': PIDNS, '/proc/2001/ns/pid': PIDNS, '/proc/900/ns/pid': 'pid:[4026531836]' },
    dirs: ['/proc/self'],
  });
  const user = rootless ? ['--user', '--preserve-credentials'] : [];
  sys.answer(['nsenter', '--target', '1000', ...user, '--uts', '--', 'hostname'], { stdout: `${hostname}\n` });
  return fakeLab({ sys, rootless });
}

const init = { prefix: 'pid-', of: 'init' as const };
const other = { prefix: 'two-', of: 'other' as const };

describe('hostname-names-pid, of: init', () => {
  it('passes for the host PID of the process that is PID 1 inside', () => {
    expect(hostnameNamesPid.run(lab('pid-2000'), init)).toEqual({ ok: true, detail: 'hostname inside is pid-2000: PID 1 of the container is PID 2000 on the host (NSpid 2000 1)' });
    expect(hostnameNamesPid.run(lab('pid-2000', true), init).ok).toBe(true);
  });

  it('fails in words that never give the number away', () => {
    expect(hostnameNamesPid.run(lab('container-lab'), init).detail).toBe('hostname inside is container-lab, expected pid- followed by the host PID of the container\'s PID 1');
    expect(hostnameNamesPid.run(lab('pid-1'), init).detail).toBe('hostname inside is pid-1: 1 is its PID inside the container; the host knows it by another');
    expect(hostnameNamesPid.run(lab('pid-2001'), init).detail).toBe('hostname inside is pid-2001, but host PID 2001 is not the container\'s PID 1');
  });
});

describe('hostname-names-pid, of: other', () => {
  it('passes for another process\'s host PID and PID inside', () => {
    expect(hostnameNamesPid.run(lab('two-2001-2'), other)).toEqual({ ok: true, detail: 'hostname inside is two-2001-2: host PID 2001 is PID 2 inside the container (NSpid 2001 2)' });
  });

  it('fails for PID 1, a process outside the container, a wrong PID inside, or another form', () => {
    expect(hostnameNamesPid.run(lab('two-2000-1'), other).detail).toBe('hostname inside is two-2000-1: host PID 2000 is PID 1; start another process');
    expect(hostnameNamesPid.run(lab('two-900-1'), other).detail).toBe('hostname inside is two-900-1, but no process of the container has host PID 900 now');
    expect(hostnameNamesPid.run(lab('two-2001-3'), other).detail).toBe('hostname inside is two-2001-3: host PID 2001 is in the container, but its PID inside is not 3');
    expect(hostnameNamesPid.run(lab('two-2001'), other).detail).toBe('hostname inside is two-2001, expected two-<host PID>-<PID inside> of a process in the container other than PID 1');
  });
});
