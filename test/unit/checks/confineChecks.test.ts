// The what-it-may-do checks decide from fake /proc status and mountinfo files of PID 1 (host PID 4001) and others.
import { describe, expect, it } from 'vitest';
import { initCaps, initStatus, initPathMasked, initPathReadonly, containerProcessConfined, initLsmLabel } from '../../../src/checks/confineChecks.js';
import { fakeLab } from '../../support/fakeLab.js';
import { RecordingSys } from '../../support/recordingSys.js';
import { mountLine } from '../../support/inodeSys.js';
import { chainLab } from '../../support/fakeChain.js';
import { inspectAnswers } from '../../support/fakeContainer.js';

const DOCKER = '00000000a80425fb';
const HOST = '000001fffeffffff'; // a host's root without CAP_SYS_RESOURCE: 40 capabilities
const status = (pid: number, mask: string, extra = '') => `Name:\tx\nPid:\t${pid}\nCapInh:\t0000000000000000\nCapPrm:\t${mask}\nCapEff:\t${mask}\nCapBnd:\t${mask}\n${extra}`;
const MERGED = '/run/container-lab/session-test/containers/c1/merged';

function lab(files: Record<string, string>, links: Record<string, string> = {}, sys = new RecordingSys({ files, links })) {
  return fakeLab({ sys, initPid: 4001 });
}

describe('init-caps', () => {
  it('has, lacks and count; count host compares with the helper\'s own set', () => {
    const ctx = lab({ '/proc/4001/status': status(4001, HOST), '/proc/self/status': status(1, HOST) });
    expect(initCaps.run(ctx, initCaps.params.parse({ has: ['CAP_SYS_ADMIN'], count: 'host' }))).toEqual({ ok: true, detail: 'CapEff of PID 1: 40 capabilities' });
    const docker = lab({ '/proc/4001/status': status(4001, DOCKER), '/proc/self/status': status(1, HOST) });
    expect(initCaps.run(docker, initCaps.params.parse({ set: 'bounding', count: 14, lacks: ['CAP_SYS_ADMIN'] })).detail)
      .toBe('CapBnd of PID 1: chown dac_override fowner fsetid kill setgid setuid setpcap net_bind_service net_raw sys_chroot mknod audit_write setfcap');
    expect(initCaps.run(docker, initCaps.params.parse({ count: 'host' }))).toEqual({ ok: false, detail: "CapEff of PID 1 holds 14 capabilities, expected 40 (as the host's root)" });
    expect(initCaps.run(ctx, initCaps.params.parse({ lacks: ['CAP_SYS_ADMIN'] }))).toEqual({ ok: false, detail: 'CapEff of PID 1 still holds CAP_SYS_ADMIN (40 held)' });
    expect(initCaps.run(docker, initCaps.params.parse({ has: ['CAP_SYS_ADMIN', 'CAP_KILL'] }))).toEqual({ ok: false, detail: 'CapEff of PID 1 lacks CAP_SYS_ADMIN (14 held)' });
    expect(initCaps.run(docker, initCaps.params.parse({ set: 'inheritable', count: 0 }))).toEqual({ ok: true, detail: 'CapInh of PID 1: none' });
  });

  it('refuses an unknown name at load time; throws without PID 1 or without the line', () => {
    expect(initCaps.params.safeParse({ has: ['CAP_NOPE'] }).success).toBe(false);
    expect(() => initCaps.run(fakeLab(), initCaps.params.parse({}))).toThrow('the container has no PID 1');
    expect(() => initCaps.run(lab({ '/proc/4001/status': 'Name:\tx\n' }), initCaps.params.parse({ set: 'ambient' }))).toThrow('/proc/4001/status has no CapAmb line');
  });
});

describe('init-status', () => {
  it('compares one field, numbers as written', () => {
    const ctx = lab({ '/proc/4001/status': status(4001, DOCKER, 'NoNewPrivs:\t1\nSeccomp:\t2\n') });
    expect(initStatus.run(ctx, { field: 'Seccomp', equals: 2 })).toEqual({ ok: true, detail: '/proc/4001/status Seccomp: 2' });
    expect(initStatus.run(ctx, { field: 'NoNewPrivs', equals: '0' })).toEqual({ ok: false, detail: '/proc/4001/status NoNewPrivs: 1, expected 0' });
    expect(initStatus.run(ctx, { field: 'Seccomp_filters', equals: 1 })).toEqual({ ok: false, detail: 'this kernel writes no Seccomp_filters line in /proc/4001/status' });
  });
});

describe('init-path-masked and init-path-readonly', () => {
  const mounts = [
    mountLine(300, '0:70', '/', '/', 'overlay'),
    mountLine(301, '0:71', '/', '/proc', 'proc'),
    mountLine(302, '0:71', '/sys', '/proc/sys', 'proc').replace(' rw,relatime ', ' ro,relatime '),
    mountLine(303, '0:5', '/null', '/proc/timer_list', 'devtmpfs'),
  ].join('\n');

  it('masked: a mount on the path that is the character device 1:3', () => {
    const sys = new RecordingSys({ files: { '/proc/4001/mountinfo': mounts, '/proc/4001/root/proc/timer_list': '', '/proc/4001/root/proc/keys': '' } });
    sys.stats.set('/proc/4001/root/proc/timer_list', { isCharacterDevice: true, isFile: false, rdev: 259 });
    expect(initPathMasked.run(lab({}, {}, sys), { path: '/proc/timer_list' })).toEqual({ ok: true, detail: '/proc/timer_list in PID 1\'s mounts: devtmpfs /null, the character device 1:3 (/dev/null)' });
    expect(initPathMasked.run(lab({}, {}, sys), { path: '/proc/keys' })).toEqual({ ok: false, detail: 'nothing is mounted on /proc/keys in PID 1\'s mount namespace' });
    expect(initPathMasked.run(lab({}, {}, sys), { path: '/proc' })).toEqual({ ok: false, detail: '/proc is a mount of proc /, not /dev/null (1:3)' });
  });

  it('before pivot_root, with container: the path under the merged directory', () => {
    const sys = new RecordingSys({ files: { '/proc/4001/mountinfo': mountLine(303, '0:5', '/null', `${MERGED}/proc/keys`, 'devtmpfs'), [`/proc/4001/root${MERGED}/proc/keys`]: '' } });
    sys.stats.set(`/proc/4001/root${MERGED}/proc/keys`, { isCharacterDevice: true, isFile: false, rdev: 259 });
    expect(initPathMasked.run(lab({}, {}, sys), { path: '/proc/keys', container: 'c1' }).ok).toBe(true);
  });

  it('read-only: "ro" in the last mount\'s options', () => {
    const ctx = lab({ '/proc/4001/mountinfo': mounts });
    expect(initPathReadonly.run(ctx, { path: '/proc/sys' })).toEqual({ ok: true, detail: '/proc/sys: proc mounted ro,relatime' });
    expect(initPathReadonly.run(ctx, { path: '/proc' }).ok).toBe(false);
    expect(initPathReadonly.run(ctx, { path: '/sys' })).toEqual({ ok: false, detail: 'nothing is mounted on /sys in PID 1\'s mount namespace' });
  });
});

describe('with name: the first process of a container on the lab\'s dockerd', () => {
  function docker(state: { Pid: number; Running?: boolean; Status?: string }) {
    const { ctx, d } = chainLab();
    inspectAnswers(ctx.sys, d, 'cl-life', state);
    ctx.sys.files.set('/proc/20/status', status(20, DOCKER, 'NoNewPrivs:\t0\nSeccomp:\t2\nSeccomp_filters:\t1\n'));
    ctx.sys.files.set('/proc/20/mountinfo', [
      mountLine(301, '0:71', '/', '/proc', 'proc'),
      mountLine(302, '0:71', '/sys', '/proc/sys', 'proc').replace(' rw,relatime ', ' ro,relatime '),
      mountLine(303, '0:73', '/null', '/proc/keys', 'tmpfs'),
    ].join('\n'));
    ctx.sys.stats.set('/proc/20/root/proc/keys', { isCharacterDevice: true, isFile: false, rdev: 259 });
    return ctx;
  }

  it('reads State.Pid from docker inspect, not the lab\'s PID 1', () => {
    const ctx = docker({ Pid: 20 });
    expect(ctx.initPid).toBeNull();
    expect(initCaps.run(ctx, initCaps.params.parse({ name: 'cl-life', set: 'bounding', count: 14, lacks: ['CAP_SYS_ADMIN'] })).ok).toBe(true);
    expect(initStatus.run(ctx, { name: 'cl-life', field: 'Seccomp_filters', equals: 1 })).toEqual({ ok: true, detail: '/proc/20/status Seccomp_filters: 1' });
    expect(initStatus.run(ctx, { name: 'cl-life', field: 'NoNewPrivs', equals: 0 }).ok).toBe(true);
    expect(initPathMasked.run(ctx, initPathMasked.params.parse({ name: 'cl-life', path: '/proc/keys' }))).toEqual({ ok: true, detail: '/proc/keys in PID 1\'s mounts: tmpfs /null, the character device 1:3 (/dev/null)' });
    expect(initPathReadonly.run(ctx, initPathReadonly.params.parse({ name: 'cl-life', path: '/proc/sys' })).ok).toBe(true);
  });

  it('throws when the container has no process; refuses name with container', () => {
    const ctx = docker({ Pid: 0, Running: false, Status: 'exited' });
    expect(() => initStatus.run(ctx, { name: 'cl-life', field: 'Seccomp', equals: 2 })).toThrow('docker inspect cl-life: State.Status exited, no process');
    expect(initPathMasked.params.safeParse({ name: 'cl-life', container: 'c1', path: '/proc/keys' }).success).toBe(false);
    expect(initCaps.params.safeParse({ name: 'no way' }).success).toBe(false);
  });
});

describe('container-process-confined', () => {
  const ns = 'pid:[4026532300]';
  const files = (sleepMask: string, nnp: string) => ({
    '/proc/4001/status': status(4001, DOCKER, 'NSpid:\t4001\t1\nNoNewPrivs:\t1\nSeccomp:\t2\n').replace('Pid:\t4001\n', 'Pid:\t4001\nPPid:\t1000\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nState:\tS\n'),
    '/proc/4100/status': status(4100, sleepMask, `NSpid:\t4100\t7\nNoNewPrivs:\t${nnp}\nSeccomp:\t0\n`).replace('Pid:\t4100\n', 'Pid:\t4100\nPPid:\t1\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nState:\tS\n'),
    '/proc/4100/comm': 'sleep\n',
  });
  const links = { '/proc/4001/ns/pid': ns, '/proc/4100/ns/pid': ns };

  it('passes when the compared lines read as PID 1\'s; names what differs otherwise', () => {
    const held = new RecordingSys({ files: files(DOCKER, '1'), links, dirs: ['/proc/4001', '/proc/4100'] });
    expect(containerProcessConfined.run(lab({}, {}, held), { comm: 'sleep', same: ['CapBnd', 'CapEff', 'NoNewPrivs'] }))
      .toEqual({ ok: true, detail: `sleep (host PID 4100, PID 7 inside): CapBnd ${DOCKER}, CapEff ${DOCKER}, NoNewPrivs 1, as PID 1` });
    expect(containerProcessConfined.run(lab({}, {}, held), containerProcessConfined.params.parse({ comm: 'sleep' })))
      .toEqual({ ok: false, detail: 'sleep (host PID 4100) is not held as PID 1 is: Seccomp 0 (PID 1: 2)' });
    const entered = new RecordingSys({ files: files(HOST, '0'), links, dirs: ['/proc/4001', '/proc/4100'] });
    expect(containerProcessConfined.run(lab({}, {}, entered), { comm: 'sleep', same: ['CapBnd', 'NoNewPrivs'] }).detail)
      .toBe(`sleep (host PID 4100) is not held as PID 1 is: CapBnd ${HOST} (PID 1: ${DOCKER}), NoNewPrivs 0 (PID 1: 1)`);
    expect(containerProcessConfined.run(lab({}, {}, entered), { comm: 'top', same: ['CapBnd'] })).toEqual({ ok: false, detail: "no top in the container's PID namespace" });
  });

  it('leaves out a zombie: an attempt killed before, not yet reaped by PID 1', () => {
    const zombie = {
      '/proc/4200/status': files(HOST, '0')['/proc/4100/status'].replace(/4100/g, '4200').replace('State:\tS\n', 'State:\tZ (zombie)\n'),
      '/proc/4200/comm': 'sleep\n',
    };
    const withZombie = { ...links, '/proc/4200/ns/pid': ns };
    const held = new RecordingSys({ files: { ...files(DOCKER, '1'), ...zombie }, links: withZombie, dirs: ['/proc/4001', '/proc/4100', '/proc/4200'] });
    expect(containerProcessConfined.run(lab({}, {}, held), { comm: 'sleep', same: ['CapBnd', 'NoNewPrivs'] }))
      .toEqual({ ok: true, detail: `sleep (host PID 4100, PID 7 inside): CapBnd ${DOCKER}, NoNewPrivs 1, as PID 1` });
    const { ['/proc/4100/status']: _s, ['/proc/4100/comm']: _c, ...pid1Only } = files(DOCKER, '1');
    const onlyZombie = new RecordingSys({ files: { ...pid1Only, ...zombie }, links: withZombie, dirs: ['/proc/4001', '/proc/4200'] });
    expect(containerProcessConfined.run(lab({}, {}, onlyZombie), { comm: 'sleep', same: ['CapBnd'] })).toEqual({ ok: false, detail: "no sleep in the container's PID namespace" });
  });
});

describe('init-lsm-label', () => {
  it('passes with a label, fails on an empty file, is not read here on EINVAL', () => {
    expect(initLsmLabel.run(lab({ '/proc/4001/attr/current': 'docker-default (enforce)\n' }), {})).toEqual({ ok: true, detail: "PID 1's label: docker-default (enforce)" });
    expect(initLsmLabel.run(lab({ '/proc/4001/attr/current': '' }), {})).toEqual({ ok: false, detail: '/proc/4001/attr/current is empty' });
    class Einval extends RecordingSys {
      override readFile(path: string): string {
        throw Object.assign(new Error(`EINVAL: ${path}`), { code: 'EINVAL' });
      }
    }
    expect(initLsmLabel.run(lab({}, {}, new Einval()), {})).toMatchObject({ ok: true, skipped: true, detail: expect.stringMatching(/answers EINVAL: no LSM/) });
  });
});
