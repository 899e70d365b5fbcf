// The runc checks: their own `runc state` (kept out of the step's log) and a fake /proc and bundle.
import { describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleValid, runcGone, runcParent, runcStateIs } from '../../../src/checks/runcChecks.js';
import { runcLayout } from '../../../src/chain/runcLayout.js';
import { fakeLab } from '../../support/fakeLab.js';
import { RecordingSys } from '../../support/recordingSys.js';

vi.mock('../../../native/findProgram.js', () => ({ whichProgram: () => '/usr/sbin/runc', findProgram: () => '/usr/sbin/runc' }));

const DIR = '/run/container-lab/session-test';
const l = runcLayout(DIR, 'test', 'cgroupfs');
const RUNC = '/usr/sbin/runc';
const INIT = 4321;
const FIFO = `${l.root}/cl-test/exec.fifo`;
const spec = JSON.parse(readFileSync(join(__dirname, '../../fixtures/chain/runc/spec-1.1.5.json'), 'utf8'));
const config = (edit: (c: any) => void = () => {}) => {
  const c = structuredClone(spec);
  c.process.args = ['/bin/sleep', '3600'];
  c.process.terminal = false;
  c.linux.cgroupsPath = '/container-lab-test-runc/cl-test';
  edit(c);
  return JSON.stringify(c);
};
const fixture = JSON.parse(readFileSync(join(__dirname, '../../fixtures/chain/runc/state-created.json'), 'utf8'));
const notThere = { status: 1, stderr: 'time="2026-11-26T08:34:02Z" level=error msg="container does not exist"' };

/** runc state answers `status` for the init at PID 4321; the bundle's rootfs has /bin/sh and /bin/sleep -> busybox. */
function lab(status: string | null, proc: Record<string, string> = {}, links: Record<string, string> = {}) {
  const sys = new RecordingSys({
    files: {
      [l.config]: config(),
      [`${l.rootfs}/bin/busybox`]: '',
      [l.pidFile]: `${INIT}\n`,
      '/proc/1/comm': 'systemd\n',
      '/proc/1/cmdline': '/sbin/init\0',
      '/proc/self/mountinfo': '25 1 0:22 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw\n',
      ...proc,
    },
    links: { [`${l.rootfs}/bin/sh`]: '/bin/busybox', [`${l.rootfs}/bin/sleep`]: '/bin/busybox', ...links },
  });
  sys.answer([RUNC, '--root', l.root, 'state', 'cl-test'], status === null ? notThere : { stdout: JSON.stringify({ ...fixture, id: 'cl-test', bundle: l.bundle, status, pid: status === 'stopped' ? 0 : INIT }) });
  return fakeLab({ sys });
}

const waiting = {
  [`/proc/${INIT}/stat`]: `${INIT} (runc:[2:INIT]) S 1 ${INIT}`,
  [`/proc/${INIT}/comm`]: 'runc:[2:INIT]\n',
  [`/proc/${INIT}/status`]: 'PPid:\t1\n',
  [`/proc/${INIT}/cmdline`]: `runc\0init\0`,
};
const running = {
  [`/proc/${INIT}/stat`]: `${INIT} (sleep) S 1 ${INIT}`,
  [`/proc/${INIT}/comm`]: 'sleep\n',
  [`/proc/${INIT}/cmdline`]: 'sleep\x003600\x00',
};

describe('runc-state-is', () => {
  it('created: runc:[2:INIT] holds exec.fifo; runc is asked without a log line', () => {
    const ctx = lab('created', waiting, { [`/proc/${INIT}/fd/3`]: FIFO });
    expect(runcStateIs.run(ctx, { status: 'created' })).toEqual({ ok: true, detail: `created: PID ${INIT} is runc:[2:INIT], waiting on ${FIFO}` });
    expect(ctx.sys.calls).toEqual([{ via: 'program', argv: [RUNC, '--root', l.root, 'state', 'cl-test'] }]);
    expect(ctx.sys.drain()).toEqual([]);
  });

  it('created fails when the init does not hold the fifo, or runc says otherwise', () => {
    const ctx = lab('created', waiting, { [`/proc/${INIT}/fd/3`]: '/dev/null' });
    expect(runcStateIs.run(ctx, { status: 'created' })).toEqual({ ok: false, detail: `PID ${INIT} runc:[2:INIT] does not hold ${FIFO}` });
    expect(runcStateIs.run(ctx, { status: 'running' })).toEqual({ ok: false, detail: 'runc state says created, not running' });
  });

  it('running: /proc/<pid>/exe is the program of the bundle\'s rootfs, resolved inside it', () => {
    const ctx = lab('running', running, { [`/proc/${INIT}/exe`]: `${l.rootfs}/bin/busybox` });
    expect(runcStateIs.run(ctx, { status: 'running' })).toEqual({ ok: true, detail: `running: PID ${INIT} exec'd /bin/sleep (sleep 3600); its exe is rootfs/bin/busybox` });
  });

  it('running fails when the exe is another file, or the init has not exec\'d', () => {
    const other = lab('running', running, { [`/proc/${INIT}/exe`]: '/usr/bin/sleep' });
    other.sys.files.set('/usr/bin/sleep', '');
    expect(runcStateIs.run(other, { status: 'running' })).toEqual({ ok: false, detail: `PID ${INIT}'s exe is not /bin/sleep of the bundle's rootfs` });
    expect(runcStateIs.run(lab('running', waiting), { status: 'running' })).toEqual({ ok: false, detail: `PID ${INIT} is still runc:[2:INIT]: it has not exec'd` });
  });

  it('stopped: the PID runc wrote is a zombie or gone, never alive', () => {
    expect(runcStateIs.run(lab('stopped', { [`/proc/${INIT}/stat`]: `${INIT} (sleep) Z 1` }), { status: 'stopped' })).toEqual({ ok: true, detail: `stopped: PID ${INIT} is a zombie` });
    expect(runcStateIs.run(lab('stopped'), { status: 'stopped' })).toEqual({ ok: true, detail: `stopped: PID ${INIT} is gone` });
    expect(runcStateIs.run(lab('stopped', running), { status: 'stopped' })).toEqual({ ok: false, detail: `runc says stopped, but PID ${INIT} is alive (S)` });
  });

  it('paused: runc says so and the init\'s freezer cgroup says FROZEN', () => {
    const freezer = '/sys/fs/cgroup/freezer/container-lab-test-runc/cl-test/freezer.state';
    const proc = {
      ...running,
      [`/proc/${INIT}/cgroup`]: '6:freezer:/container-lab-test-runc/cl-test\n0::/\n',
      '/proc/self/mountinfo': '30 25 0:26 / /sys/fs/cgroup/freezer rw - cgroup cgroup rw,freezer\n',
      [freezer]: 'FROZEN\n',
    };
    expect(runcStateIs.run(lab('paused', proc), { status: 'paused' })).toEqual({ ok: true, detail: `paused: ${freezer} says FROZEN; PID ${INIT} sleep is held by the kernel (state S)` });
    expect(runcStateIs.run(lab('paused', { ...proc, [freezer]: 'THAWED\n' }), { status: 'paused' })).toEqual({ ok: false, detail: `runc says paused, but ${freezer} says THAWED` });
    expect(runcStateIs.run(lab('running', proc), { status: 'paused' })).toEqual({ ok: false, detail: 'runc state says running, not paused' });
  });

  it('fails when runc does not know the container', () => {
    expect(runcStateIs.run(lab(null), { status: 'created' })).toEqual({ ok: false, detail: `runc state cl-test: ${notThere.stderr}` });
  });
});

describe('runc-gone', () => {
  it('passes when runc says it does not exist and its state dir and cgroup are gone', () => {
    expect(runcGone.run(lab(null), {})).toEqual({ ok: true, detail: `runc state: "container does not exist"; ${l.root}/cl-test and /container-lab-test-runc/cl-test removed` });
  });

  it('fails while runc, the state dir or the cgroup still has it', () => {
    expect(runcGone.run(lab('stopped'), {})).toEqual({ ok: false, detail: 'runc state still knows cl-test: stopped' });
    const dir = lab(null);
    dir.sys.dirs.add(`${l.root}/cl-test`);
    expect(runcGone.run(dir, {})).toEqual({ ok: false, detail: `${l.root}/cl-test is still there` });
    const cgroup = lab(null);
    cgroup.sys.dirs.add('/sys/fs/cgroup/container-lab-test-runc/cl-test');
    expect(runcGone.run(cgroup, {})).toEqual({ ok: false, detail: 'the container\'s cgroup is still there: /sys/fs/cgroup/container-lab-test-runc/cl-test' });
  });
});

describe('runc-parent', () => {
  it('passes when the init\'s parent is the host\'s init and no runc runs', () => {
    expect(runcParent.run(lab('created', waiting), {})).toEqual({ ok: true, detail: `PID ${INIT}'s parent is PID 1 systemd, not runc: runc has exited` });
  });

  it('fails while runc is the parent or still runs', () => {
    const child = lab('created', { ...waiting, [`/proc/${INIT}/status`]: 'PPid:\t99\n', '/proc/99/comm': 'runc\n' });
    expect(runcParent.run(child, {})).toEqual({ ok: false, detail: `the parent of PID ${INIT} is PID 99 runc: runc is still there` });
    const left = lab('created', { ...waiting, '/proc/77/cmdline': `runc\0--root\0${l.root}\0create\0` });
    expect(runcParent.run(left, {})).toEqual({ ok: false, detail: 'a runc process still runs: PID 77' });
  });
});

describe('bundle-valid', () => {
  it('passes on the lab\'s edits of runc spec\'s config.json', () => {
    expect(bundleValid.run(lab(null), { args: ['/bin/sleep', '3600'] })).toEqual({
      ok: true,
      detail: 'config.json: root rootfs has /bin/sh, args ["/bin/sleep","3600"], namespaces pid,network,ipc,uts,mount',
    });
  });

  it('fails on other args, a terminal, a missing /bin/sh or no config.json', () => {
    expect(bundleValid.run(lab(null), { args: ['/bin/sh'] }).detail).toBe('process.args is ["/bin/sleep","3600"], not ["/bin/sh"]');
    const terminal = lab(null);
    terminal.sys.files.set(l.config, config((c) => (c.process.terminal = true)));
    expect(bundleValid.run(terminal, { args: ['/bin/sleep', '3600'] }).detail).toBe('process.terminal is not false: runc would want a console socket');
    expect(bundleValid.run(lab(null, {}, { [`${l.rootfs}/bin/sh`]: '/bin/ash' }), { args: ['/bin/sleep', '3600'] })).toEqual({ ok: false, detail: `${l.rootfs} has no /bin/sh` });
    const none = lab(null);
    none.sys.files.delete(l.config);
    expect(bundleValid.run(none, { args: ['/bin/sleep', '3600'] }).ok).toBe(false);
  });
});
