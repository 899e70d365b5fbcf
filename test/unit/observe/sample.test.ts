// Samplers run against the fixture trees (and a copy of them with processes removed or broken).
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  listChildren, listDescendants, ProcessGoneError, readCgroupFile, readGidMap, readMountinfo, readNamespaces,
  readNetDevNames, readProcCgroup, readProcess, readUidMap,
} from '../../../src/observe/sample.js';
import { fixture, H, HYBRID, V, V2 } from './fixtures.js';

const LAB = '/sys/fs/cgroup/user.slice/user-1000.slice/user@1000.service/container-lab/lab-demo';
const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});
/** A writable copy of a fixture tree, symlinks kept as they are. */
function copyTree(src: string): string {
  const dst = mkdtempSync(join(tmpdir(), 'cl-observe-'));
  temps.push(dst);
  cpSync(src, dst, { recursive: true, verbatimSymlinks: true });
  return dst;
}

describe('readProcess', () => {
  it('reads a host process (captured)', () => {
    expect(readProcess(HYBRID, H.shell)).toEqual({
      hostPid: 6758,
      nsPids: [6758],
      ppid: 6756,
      name: 'bash',
      cmdline: 'bash test/fixtures/host-hybrid/capture.sh',
      uid: 0,
      uidInside: 0,
      role: '',
    });
  });

  it('reads the container PID 1: nobody outside, root inside (captured)', () => {
    expect(readProcess(HYBRID, H.container)).toEqual({
      hostPid: 6771,
      nsPids: [6771, 1],
      ppid: 6766,
      name: 'sleep',
      cmdline: 'sleep 300',
      uid: 65534,
      uidInside: 0,
      role: '',
    });
  });

  it('has no inside uid while the uid_map is empty (captured)', () => {
    const p = readProcess(HYBRID, H.unmapped);
    expect([p.uid, p.uidInside, p.cmdline]).toEqual([65534, null, 'sleep 300']);
  });

  it('turns NULs into spaces, including the multi-line script argument (captured)', () => {
    const p = readProcess(HYBRID, H.unshare);
    expect(p.cmdline.startsWith('unshare --user --map-root-user --pid --fork --mount-proc --net --uts sh -c mount -t tmpfs')).toBe(true);
    expect(p.cmdline.endsWith('exec sleep 300 /tmp/tmp.HcpUb7D1qx')).toBe(true);
    expect(p.cmdline).not.toContain('\0');
  });

  it('gives a kernel thread an empty cmdline (captured)', () => {
    const p = readProcess(HYBRID, H.kthreadd);
    expect([p.name, p.cmdline, p.ppid]).toEqual(['kthreadd', '', 0]);
  });

  it('maps a subordinate uid back inside (v2)', () => {
    const p = readProcess(V2, V.inside);
    expect([p.hostPid, p.nsPids, p.uid, p.uidInside]).toEqual([4302, [4302, 2], 100032, 33]);
  });

  it('reads from inside the same user namespace: status already shows the inside uid', () => {
    const root = copyTree(V2);
    // what a reader inside the container's user namespace sees: its own uid 0 in status
    const status = fixture(V2, `proc/${V.container}/status`).replace(/^Uid:.*$/m, 'Uid:\t0\t0\t0\t0');
    writeFileSync(join(root, `proc/${V.container}/status`), status);
    unlinkSync(join(root, 'proc/self'));
    symlinkSync(String(V.container), join(root, 'proc/self'));
    const p = readProcess(root, V.container);
    expect([p.uid, p.uidInside]).toEqual([1000, 0]);
  });

  it('throws ProcessGoneError for a process that is not there', () => {
    let err: unknown;
    try {
      readProcess(HYBRID, 99999);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ProcessGoneError);
    expect((err as ProcessGoneError).pid).toBe(99999);
    expect((err as ProcessGoneError).path).toBe(join(HYBRID, 'proc/99999/status'));
  });

  it('throws a plain error naming the file when status cannot be parsed', () => {
    const root = copyTree(HYBRID);
    writeFileSync(join(root, `proc/${H.shell}/status`), 'Name:\tbash\n');
    expect(() => readProcess(root, H.shell)).toThrow(new RegExp(`cannot parse .*proc/${H.shell}/status: .*Pid`));
    expect(() => readProcess(root, H.shell)).not.toThrow(ProcessGoneError);
  });

  it('reads this very process on the live /proc', () => {
    const p = readProcess('/', process.pid);
    expect(p.hostPid).toBe(process.pid);
    expect(p.ppid).toBe(process.ppid);
    expect(p.uid).toBe(process.getuid!());
  });
});

describe('readNamespaces', () => {
  it('reads every namespace of a host process (captured)', () => {
    expect(readNamespaces(HYBRID, H.shell)).toEqual({
      uts: 4026531838, pid: 4026531836, mnt: 4026531832, net: 4026531833,
      ipc: 4026531839, cgroup: 4026531835, user: 4026531837, time: 4026531834,
    });
  });

  it('shows which namespaces the container has of its own (captured)', () => {
    const host = readNamespaces(HYBRID, H.shell);
    const ctr = readNamespaces(HYBRID, H.container);
    const differ = (Object.keys(host) as Array<keyof typeof host>).filter((t) => host[t] !== ctr[t]).sort();
    expect(differ).toEqual(['mnt', 'net', 'pid', 'user', 'uts']);
    expect(ctr.pid).toBe(4026532179);
    // unshare(1) itself stays in the host PID namespace; only its children are in the new one
    expect(readNamespaces(HYBRID, H.unshare).pid).toBe(4026531836);
  });

  it('omits types the kernel lacks, and gives {} for a process that is gone', () => {
    const root = copyTree(HYBRID);
    unlinkSync(join(root, `proc/${H.shell}/ns/time`));
    expect(Object.keys(readNamespaces(root, H.shell)).sort()).toEqual(['cgroup', 'ipc', 'mnt', 'net', 'pid', 'user', 'uts']);
    expect(readNamespaces(HYBRID, 99999)).toEqual({});
  });

  it('throws naming the link when it cannot be read or makes no sense', () => {
    const root = copyTree(HYBRID);
    const uts = join(root, `proc/${H.shell}/ns/uts`);
    unlinkSync(uts);
    writeFileSync(uts, ''); // a regular file: readlink gives EINVAL
    expect(() => readNamespaces(root, H.shell)).toThrow(/cannot read link .*ns\/uts: EINVAL/);
    unlinkSync(uts);
    symlinkSync('ipc:[4026531839]', uts);
    expect(() => readNamespaces(root, H.shell)).toThrow(/unexpected link .*ns\/uts/);
  });
});

describe('file readers', () => {
  it('readMountinfo (captured)', () => {
    const m = readMountinfo(HYBRID, H.container);
    expect(m).toHaveLength(23);
    expect(m[m.length - 1].mountPoint).toBe('/tmp/tmp.HcpUb7D1qx/lab bind');
    expect(() => readMountinfo(HYBRID, 99999)).toThrow(ProcessGoneError);
  });

  it('readMountinfo names the file when it cannot parse it', () => {
    const root = copyTree(HYBRID);
    writeFileSync(join(root, `proc/${H.shell}/mountinfo`), 'garbage\n');
    expect(() => readMountinfo(root, H.shell)).toThrow(new RegExp(`cannot parse .*proc/${H.shell}/mountinfo: mountinfo line 1`));
  });

  it('readProcCgroup (captured, v2)', () => {
    expect(readProcCgroup(HYBRID, H.container).find((c) => c.hierarchyId === 8)).toEqual({ hierarchyId: 8, controllers: ['pids'], path: '/container-lab-fixture' });
    expect(readProcCgroup(V2, V.container)).toEqual([{ hierarchyId: 0, controllers: [], path: LAB.replace('/sys/fs/cgroup', '') }]);
  });

  it('readNetDevNames (captured)', () => {
    expect(readNetDevNames(HYBRID, H.container)).toEqual(['lo']);
    expect(readNetDevNames(HYBRID, H.shell)).toEqual(['lo', 'ifb0', 'ifb1', 'eth0']);
  });

  it('readUidMap and readGidMap return the text as written (captured)', () => {
    expect(readUidMap(HYBRID, H.container)).toBe('         0      65534          1\n');
    expect(readGidMap(HYBRID, H.container)).toBe('         0      65534          1\n');
    expect(readUidMap(HYBRID, H.unmapped)).toBe('');
    expect(readGidMap(HYBRID, H.unmapped)).toBe('');
    expect(() => readUidMap(HYBRID, 99999)).toThrow(ProcessGoneError);
  });

  it('readCgroupFile reads a control file, null when the controller does not offer it', () => {
    expect(readCgroupFile(V2, LAB, 'memory.max')).toBe('67108864\n');
    expect(readCgroupFile(V2, '/sys/fs/cgroup/user.slice/user-1000.slice/session-3.scope', 'cpu.max')).toBeNull();
    expect(readCgroupFile(HYBRID, '/sys/fs/cgroup/pids/container-lab-fixture', 'pids.current')).toBe('2\n');
  });
});

describe('listChildren / listDescendants', () => {
  it('follows PPid in the captured tree, ignoring /proc/self', () => {
    expect(listChildren(HYBRID, H.shell)).toEqual([6766, 6767]);
    expect(listChildren(HYBRID, H.unshare)).toEqual([6771]);
    expect(listChildren(HYBRID, 0)).toEqual([1, 2]);
    expect(listChildren(HYBRID, H.container)).toEqual([]);
    expect(listDescendants(HYBRID, H.shell)).toEqual([6766, 6771, 6767]);
  });

  it('walks parent before children in the v2 tree', () => {
    expect(listDescendants(V2, V.shell)).toEqual([4300, 4301, 4302]);
    expect(listDescendants(V2, V.container)).toEqual([4302]);
  });

  it('reads the children files of every thread where the kernel has them, without a status file of the others', () => {
    const root = copyTree(HYBRID);
    // the shell's children split between two of its threads; the unshare's on its own thread
    mkdirSync(join(root, `proc/${H.shell}/task/${H.shell}`), { recursive: true });
    mkdirSync(join(root, `proc/${H.shell}/task/9001`));
    writeFileSync(join(root, `proc/${H.shell}/task/${H.shell}/children`), '6767 ');
    writeFileSync(join(root, `proc/${H.shell}/task/9001/children`), '6766 ');
    mkdirSync(join(root, `proc/${H.unshare}/task/${H.unshare}`), { recursive: true });
    writeFileSync(join(root, `proc/${H.unshare}/task/${H.unshare}/children`), '6771 ');
    for (const pid of [6767, 6771]) {
      mkdirSync(join(root, `proc/${pid}/task/${pid}`), { recursive: true });
      writeFileSync(join(root, `proc/${pid}/task/${pid}/children`), '');
    }
    // a scan would now fail on this process's status
    rmSync(join(root, 'proc/1/status'));
    mkdirSync(join(root, 'proc/1/status'));
    expect(listDescendants(root, H.shell)).toEqual([6766, 6771, 6767]);
  });

  it('scans PPid where a thread has no children file (a kernel without CONFIG_PROC_CHILDREN)', () => {
    const root = copyTree(HYBRID);
    mkdirSync(join(root, `proc/${H.shell}/task/${H.shell}`), { recursive: true });
    expect(listDescendants(root, H.shell)).toEqual([6766, 6771, 6767]);
  });

  it('finds a child of this process on the running kernel', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn('sleep', ['5'], { stdio: 'ignore' });
    try {
      await new Promise((r) => child.once('spawn', r));
      expect(listDescendants('/', process.pid)).toContain(child.pid);
    } finally {
      child.kill();
    }
  });

  it('skips processes that vanish mid-scan (pid dir listed, status gone)', () => {
    const root = copyTree(HYBRID);
    rmSync(join(root, `proc/${H.unmapped}/status`));
    mkdirSync(join(root, 'proc/7000'));
    expect(listChildren(root, H.shell)).toEqual([6766]);
    expect(listDescendants(root, H.shell)).toEqual([6766, 6771]);
  });

  it('throws naming the file for errors other than vanishing', () => {
    const root = copyTree(HYBRID);
    rmSync(join(root, `proc/${H.unmapped}/status`));
    mkdirSync(join(root, `proc/${H.unmapped}/status`));
    expect(() => listChildren(root, H.shell)).toThrow(new RegExp(`cannot read .*proc/${H.unmapped}/status: EISDIR`));
    rmSync(join(root, `proc/${H.unmapped}`), { recursive: true });
    mkdirSync(join(root, 'proc/7002'));
    writeFileSync(join(root, 'proc/7002/status'), 'Name:\tx\n');
    expect(() => listChildren(root, H.shell)).toThrow(/cannot parse .*proc\/7002\/status: no "PPid:" line/);
  });

  it('throws naming the directory when there is no proc at all', () => {
    const root = mkdtempSync(join(tmpdir(), 'cl-observe-'));
    temps.push(root);
    expect(existsSync(join(root, 'proc'))).toBe(false);
    expect(() => listChildren(root, 1)).toThrow(/cannot list .*\/proc: ENOENT/);
  });
});
