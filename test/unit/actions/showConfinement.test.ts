// show-confinement on the recording Sys: a docker container's PID 1 found by docker inspect, its status decoded, its masked and read-only paths from mountinfo.
import { describe, expect, it } from 'vitest';
import { showConfinement } from '../../../src/actions/showConfinement.js';
import { chainLab } from '../../support/fakeChain.js';
import { mountLine } from '../../support/inodeSys.js';

const DOCKER = '00000000a80425fb';
const STATUS = `Name:\tsh\nCapInh:\t0000000000000000\nCapPrm:\t${DOCKER}\nCapEff:\t${DOCKER}\nCapBnd:\t${DOCKER}\nCapAmb:\t0000000000000000\nNoNewPrivs:\t0\nSeccomp:\t2\nSeccomp_filters:\t1\n`;
const ro = (line: string) => line.replace(' rw,relatime ', ' ro,relatime ');
const MOUNTS = [
  mountLine(300, '0:70', '/', '/', 'overlay'),
  mountLine(301, '0:71', '/', '/proc', 'proc'),
  ro(mountLine(302, '0:72', '/', '/sys', 'sysfs')),
  ro(mountLine(303, '0:30', '/', '/sys/fs/cgroup/memory', 'cgroup')),
  mountLine(304, '0:73', '/', '/dev', 'tmpfs'),
  mountLine(305, '0:71', '/sys', '/proc/sys', 'proc'),
  ro(mountLine(306, '0:71', '/sys', '/proc/sys', 'proc')),
  ro(mountLine(307, '0:71', '/bus', '/proc/bus', 'proc')),
  mountLine(308, '0:73', '/null', '/proc/keys', 'tmpfs'),
  mountLine(309, '0:73', '/null', '/proc/timer_list', 'tmpfs'),
  ro(mountLine(310, '0:74', '/', '/proc/acpi', 'tmpfs')),
].join('\n');

function lab(pid: string) {
  const { ctx, d } = chainLab();
  ctx.sys.answer(d.dockerArgv(['inspect', '--format', '{{.State.Pid}}', 'cl-life']), { stdout: `${pid}\n` });
  ctx.sys.files.set('/proc/20/status', STATUS);
  ctx.sys.files.set('/proc/20/mountinfo', MOUNTS);
  for (const p of ['/proc/keys', '/proc/timer_list']) ctx.sys.stats.set(`/proc/20/root${p}`, { isCharacterDevice: true, isFile: false, rdev: 259 });
  return ctx;
}

describe('show-confinement', () => {
  it('status: Docker\'s 14 by name, and the no_new_privs and seccomp lines', async () => {
    const out = await showConfinement.run(lab('20'), { name: 'cl-life', read: 'status' });
    if (!('output' in out)) throw new Error('skipped');
    expect(out.output[0]).toBe('cl-life\'s PID 1 is host PID 20; /proc/20/status:');
    expect(out.output).toContain(`CapBnd ${DOCKER}: 14 capabilities`);
    expect(out.output).toContain('CapEff by name: chown dac_override fowner fsetid kill setgid setuid setpcap net_bind_service net_raw sys_chroot mknod audit_write setfcap');
    expect(out.output.at(-2)).toMatch(/^the bounding set holds nothing beyond Docker's default 14/);
    expect(out.output.at(-1)).toBe('NoNewPrivs 0, Seccomp 2, Seccomp_filters 1');
  });

  it('mountinfo: /dev/null binds and read-only tmpfs as masked, proc binds as read-only; the last mount on a path counts, cgroups and / aside', async () => {
    const out = await showConfinement.run(lab('20'), { name: 'cl-life', read: 'mountinfo' });
    if (!('output' in out)) throw new Error('skipped');
    expect(out.output).toEqual([
      'cl-life\'s PID 1 is host PID 20; /proc/20/mountinfo:',
      '/proc/keys        tmpfs /null rw  masked: /dev/null bound over it',
      '/proc/timer_list  tmpfs /null rw  masked: /dev/null bound over it',
      '/proc/acpi        tmpfs / ro      masked: an empty read-only tmpfs',
      '/proc/bus         proc /bus ro    read-only',
      '/proc/sys         proc /sys ro    read-only',
    ]);
  });

  it('refuses a container that is not running', async () => {
    await expect(showConfinement.run(lab('0'), { name: 'cl-life', read: 'status' })).rejects.toThrow('docker container cl-life is not running');
  });
});
