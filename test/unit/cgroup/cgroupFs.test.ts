// The strict fake cgroupfs refuses what the kernel refuses, so the tests built on it can fail.
import { describe, expect, it } from 'vitest';
import { CgroupFs } from '../../support/cgroupFs.js';

const CG = '/sys/fs/cgroup';
const USER = `${CG}/user.slice/user-1000.slice/user@1000.service`;

function code(f: () => void): string | undefined {
  try {
    f();
  } catch (error) {
    return (error as NodeJS.ErrnoException).code;
  }
  return undefined;
}

describe('CgroupFs, seeded from the captured Debian 12 / systemd 252 tree', () => {
  it('keeps the capture: root enables cpu memory pids, user@1000.service is delegated to uid 1000', () => {
    const fs = new CgroupFs();
    expect(fs.readFile(`${CG}/cgroup.subtree_control`).trim()).toBe('cpu memory pids');
    expect(fs.lstat(`${USER}/cgroup.subtree_control`).uid).toBe(1000);
    expect(fs.lstat(`${USER}/memory.max`).uid).toBe(0);
    expect(fs.cgroupOf(233)).toBe(`${CG}/system.slice/vmjob.service`);
  });

  it('a new cgroup gets its parent\'s subtree_control as controllers, and their files', () => {
    const fs = new CgroupFs();
    fs.mkdir(`${CG}/container-lab-t`);
    expect(fs.readFile(`${CG}/container-lab-t/cgroup.controllers`).trim()).toBe('cpu memory pids');
    expect(fs.exists(`${CG}/container-lab-t/memory.swap.max`)).toBe(true);
    fs.mkdir(`${CG}/container-lab-t/container`);
    expect(fs.readFile(`${CG}/container-lab-t/container/cgroup.controllers`).trim()).toBe('');
    expect(fs.exists(`${CG}/container-lab-t/container/memory.max`)).toBe(false);
  });

  it('no internal processes: EBUSY both ways; ENOENT for a controller the parent lacks', () => {
    const fs = new CgroupFs();
    fs.mkdir(`${CG}/container-lab-t`);
    fs.mkdir(`${CG}/container-lab-t/container`);
    fs.addProcess(7000, `${CG}/system.slice/vmjob.service`);
    fs.writeFile(`${CG}/container-lab-t/cgroup.procs`, '7000');
    expect(code(() => fs.writeFile(`${CG}/container-lab-t/cgroup.subtree_control`, '+memory'))).toBe('EBUSY');
    fs.writeFile(`${CG}/container-lab-t/container/cgroup.procs`, '7000');
    fs.writeFile(`${CG}/container-lab-t/cgroup.subtree_control`, '+memory');
    expect(fs.readFile(`${CG}/container-lab-t/container/memory.max`).trim()).toBe('max');
    expect(code(() => fs.writeFile(`${CG}/container-lab-t/cgroup.procs`, '7000'))).toBe('EBUSY');
    expect(code(() => fs.writeFile(`${CG}/container-lab-t/cgroup.subtree_control`, '+io'))).toBe('ENOENT');
    expect(fs.drain().filter((e) => e.errno).map((e) => e.errno)).toEqual(['EBUSY', 'EBUSY', 'ENOENT']);
  });

  it('kernfs makes no files, read-only files stay so for root, and a bad value is EINVAL', () => {
    const fs = new CgroupFs();
    expect(code(() => fs.writeFile(`${CG}/system.slice/vmjob.service/cpu.max`, '1000 100000'))).toBe('EACCES');
    expect(code(() => fs.writeFile(`${CG}/system.slice/cgroup.controllers`, 'cpu'))).toBe('EACCES');
    expect(code(() => fs.writeFile(`${CG}/system.slice/memory.max`, '32m'))).toBe('EINVAL');
    expect(code(() => fs.writeFile(`${CG}/system.slice/cgroup.procs`, '999999'))).toBe('ESRCH');
  });

  it('without swap accounting there is no memory.swap.max to write', () => {
    const fs = new CgroupFs(undefined, { swapAccounting: false });
    expect(fs.exists(`${USER}/memory.swap.max`)).toBe(false);
    fs.mkdir(`${CG}/container-lab-t`);
    expect(fs.exists(`${CG}/container-lab-t/memory.max`)).toBe(true);
    expect(code(() => fs.writeFile(`${CG}/container-lab-t/memory.swap.max`, '0'))).toBe('EACCES');
  });

  it('delegation: uid 1000 works below user@1000.service only; a move must not cross a cgroup it does not own', () => {
    const fs = new CgroupFs(undefined, { uid: 1000 });
    expect(code(() => fs.mkdir(`${CG}/container-lab-t`))).toBe('EACCES');
    expect(code(() => fs.mkdir(`${CG}/user.slice/user-1000.slice/container-lab-t`))).toBe('EACCES');
    fs.mkdir(`${USER}/container-lab-t`);
    expect(fs.lstat(`${USER}/container-lab-t/cgroup.procs`).uid).toBe(1000);
    expect(code(() => fs.writeFile(`${USER}/memory.max`, '1000'))).toBe('EACCES');
    fs.addProcess(7001, `${CG}/user.slice/user-1000.slice/session-c1.scope`);
    expect(code(() => fs.writeFile(`${USER}/container-lab-t/cgroup.procs`, '7001'))).toBe('EACCES');
    fs.addProcess(7002, `${USER}/init.scope`);
    fs.writeFile(`${USER}/container-lab-t/cgroup.procs`, '7002');
    expect(fs.readFile('/proc/7002/cgroup')).toBe('0::/user.slice/user-1000.slice/user@1000.service/container-lab-t\n');
  });

  it('a threaded cgroup refuses a domain controller (EOPNOTSUPP); rmdir waits for children and processes', () => {
    const fs = new CgroupFs();
    fs.mkdir(`${CG}/container-lab-t`);
    fs.files.set(`${CG}/container-lab-t/cgroup.type`, 'threaded\n');
    expect(code(() => fs.writeFile(`${CG}/container-lab-t/cgroup.subtree_control`, '+memory'))).toBe('EOPNOTSUPP');
    fs.writeFile(`${CG}/container-lab-t/cgroup.subtree_control`, '+pids');
    fs.mkdir(`${CG}/container-lab-t/a`);
    fs.addProcess(7003, `${CG}/container-lab-t/a`);
    expect(code(() => fs.rmdir(`${CG}/container-lab-t`))).toBe('EBUSY');
    expect(code(() => fs.rmdir(`${CG}/container-lab-t/a`))).toBe('EBUSY');
    fs.kill(7003, 'SIGKILL');
    fs.rmdir(`${CG}/container-lab-t/a`);
    fs.rmdir(`${CG}/container-lab-t`);
    expect(fs.exists(`${CG}/container-lab-t`)).toBe(false);
  });

  it('nsdelegate: inside a cgroup namespace rooted at the leaf, its limits are EPERM and a move out is ENOENT', () => {
    const fs = new CgroupFs();
    fs.mkdir(`${CG}/container-lab-t`);
    fs.mkdir(`${CG}/container-lab-t/container`);
    fs.writeFile(`${CG}/container-lab-t/cgroup.subtree_control`, '+memory');
    fs.addProcess(7004, `${CG}/container-lab-t/container`);
    fs.nsRoot = `${CG}/container-lab-t/container`;
    expect(code(() => fs.writeFile(`${CG}/container-lab-t/container/memory.max`, 'max'))).toBe('EPERM');
    expect(code(() => fs.writeFile(`${CG}/container-lab-t/cgroup.procs`, '7004'))).toBe('ENOENT');
    fs.nsRoot = CG;
    fs.writeFile(`${CG}/container-lab-t/container/memory.max`, '1048576');
  });
});
