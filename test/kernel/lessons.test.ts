// Every step of every lesson, for real as root, each checked against the kernel by the test itself.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { ACTIONS } from '../../src/vocabulary/registry.js';
import { hostname } from 'node:os';
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { HelperClient, type LabPids } from '../../src/helper/client.js';
import { LiveSession } from '../../src/lesson/liveSession.js';
import { loadLessons } from '../../src/lesson/loadLessons.js';
import { lessonsDir } from '../../src/sys/packageRoot.js';
import type { Lesson, StepSpec } from '../../src/types.js';
import { describeAsRoot } from '../support/requireRoot.js';
import { verifyLayersStep } from '../support/layersView.js';
import { verifyDockerRunStep, dockerRunLeftovers } from '../support/dockerRunView.js';
import { verifyChainStep, chainLeftovers, shimSockets } from '../support/chainView.js';

/** made by containerd and dockerd whatever their flags say: the lab removes them when it made them */
const DAEMON_HOST_DIRS = ['/run/containerd', '/run/docker'];
import { verifyRuncStep, runcLeftovers } from '../support/runcView.js';
import { verifyShimStep } from '../support/shimView.js';
import { verifyContainerNetStep, containerNetLeftovers, rememberHostRuleset, expectHostRulesetUnchanged } from '../support/containerNetView.js';
import { inNamespaces, isAlive, labMountsOnHost, mountinfo, nsLink, rootFieldOf, statusField, until, labCgroupDirs } from '../support/kernelView.js';
import { cgroupDir, cgroupHas, cgroupKey, cgroupProcs, cgroupRead } from '../support/cgroupView.js';
import { devIno, rootOf } from '../support/rootView.js';
import { verifyConfinementStep, verifyNsenterStep } from '../support/lifeView.js';

const { lessons, errors } = loadLessons(lessonsDir());

/** What each action must have done, read from /proc and util-linux tools, not from the app. */
function verifyStep(step: StepSpec, pids: LabPids, hostName: string, before: Map<string, string>): void {
  const p = step.action.params as Record<string, any>;
  const b = pids.builder;
  switch (step.action.name) {
    case 'unshare':
      for (const ns of p.namespaces as string[]) {
        const link = linkOrPending(b, ns === 'pid' ? 'pid_for_children' : ns);
        // namespaces(7): pid_for_children is unreadable (ENOENT) until the new namespace's first process exists.
        if (ns === 'pid' && link === null) continue;
        expect(link, `${ns} namespace of the container process`).not.toBe(nsLink('self', ns));
        expect(link).not.toBe(before.get(ns));
      }
      break;
    case 'sethostname':
      expect(inNamespaces(b, ['--uts'], ['hostname']).trim()).toBe(p.name);
      expect(hostname()).toBe(hostName);
      break;
    case 'make-mounts-private':
      expect(mountinfo(b).filter((l) => / shared:\d+/.test(l))).toEqual([]);
      break;
    case 'mount-tmpfs': {
      const target = `${pids.sessionDir}/tmpfs`;
      expect(mountinfo(b).some((l) => l.split(' ')[4] === target && / - tmpfs /.test(l))).toBe(true);
      expect(mountinfo('self').some((l) => l.split(' ')[4] === target)).toBe(false);
      break;
    }
    case 'start-init':
      expect(pids.init).not.toBeNull();
      expect(statusField(pids.init!, 'NSpid').split(/\s+/).pop()).toBe('1');
      expect(Number(statusField(pids.init!, 'PPid'))).toBe(b);
      break;
    case 'mount-proc': {
      const listed = inNamespaces(b, ['--mount'], ['ls', '/proc']).split(/\s+/).filter((n) => /^\d+$/.test(n));
      expect(listed).toContain('1');
      expect(listed.length).toBeLessThan(10);
      break;
    }
    case 'link-up':
      expect(inNamespaces(b, ['--net'], ['ip', '-o', 'link', 'show', p.name])).toMatch(/<[^>]*\bUP\b/);
      break;
    case 'join-cgroup': {
      const cg = statusFile(b, 'cgroup');
      expect(cg).toMatch(/container-lab-/);
      expect(pids.cgroupDirs.every((d) => existsSync(d))).toBe(true);
      break;
    }
    case 'user-namespace':
      expect(pids.user).not.toBeNull();
      expect(statusField(pids.user!, 'Uid').split(/\s+/)[0]).toBe(String(p.outsideUid));
      expect(statusFile(pids.user!, 'uid_map').trim().split(/\s+/)).toEqual(['0', String(p.outsideUid), '1']);
      expect(nsLink(pids.user!, 'user')).not.toBe(nsLink('self', 'user'));
      break;
    case 'set-memory-limit': {
      const { dir, v2 } = cgroupDir(b, 'memory');
      const bytes = String(sizeBytes(p.limit));
      expect(cgroupRead(dir, v2 ? 'memory.max' : 'memory.limit_in_bytes')).toBe(bytes);
      if (v2 && cgroupHas(dir, 'memory.swap.max')) expect(cgroupRead(dir, 'memory.swap.max')).toBe('0');
      if (!v2 && cgroupHas(dir, 'memory.memsw.limit_in_bytes')) expect(cgroupRead(dir, 'memory.memsw.limit_in_bytes')).toBe(bytes);
      break;
    }
    case 'memory-hog': {
      const { dir, v2 } = cgroupDir(b, 'memory');
      const limit = Number(cgroupRead(dir, v2 ? 'memory.max' : 'memory.limit_in_bytes'));
      expect(cgroupKey(dir, v2 ? 'memory.events' : 'memory.oom_control', 'oom_kill')).toBeGreaterThanOrEqual(1);
      const peakFile = v2 ? 'memory.peak' : 'memory.max_usage_in_bytes';
      if (cgroupHas(dir, peakFile)) expect(Number(cgroupRead(dir, peakFile))).toBeLessThanOrEqual(limit);
      expect(isAlive(b), 'the OOM killer picked the hog, not the container process').toBe(true);
      expect(cgroupProcs(b, 'memory').sort(), 'the hog is gone').toEqual([b, pids.init].filter((x) => x !== null).sort());
      break;
    }
    case 'set-cpu-quota': {
      const { dir, v2 } = cgroupDir(b, 'cpu');
      if (v2) expect(cgroupRead(dir, 'cpu.max')).toBe(`${p.quotaUs} ${p.periodUs}`);
      else expect([cgroupRead(dir, 'cpu.cfs_quota_us'), cgroupRead(dir, 'cpu.cfs_period_us')]).toEqual([String(p.quotaUs), String(p.periodUs)]);
      break;
    }
    case 'cpu-hog': {
      const { dir, v2 } = cgroupDir(b, 'cpu');
      expect(cgroupKey(dir, 'cpu.stat', 'nr_throttled')).toBeGreaterThan(0);
      expect(cgroupKey(dir, 'cpu.stat', v2 ? 'throttled_usec' : 'throttled_time')).toBeGreaterThan(0);
      expect(cgroupProcs(b, 'cpu').sort(), 'the loop is gone').toEqual([b, pids.init].filter((x) => x !== null).sort());
      break;
    }
    case 'set-pids-max':
      expect(cgroupRead(cgroupDir(b, 'pids').dir, 'pids.max')).toBe(String(p.max));
      break;
    case 'fork-hog': {
      const { dir } = cgroupDir(b, 'pids');
      expect(cgroupKey(dir, 'pids.events', 'max'), 'forks refused at pids.max').toBeGreaterThanOrEqual(1);
      expect(Number(cgroupRead(dir, 'pids.current'))).toBeLessThanOrEqual(Number(cgroupRead(dir, 'pids.max')));
      expect(cgroupProcs(b, 'pids').sort(), 'the loop and its sleepers are gone').toEqual([b, pids.init].filter((x) => x !== null).sort());
      break;
    }
    case 'prepare-rootfs': {
      const rootfs = `${pids.sessionDir}/rootfs`;
      expect(mountinfo(b).some((l) => l.split(' ')[4] === rootfs), 'rootfs is a mount point inside').toBe(true);
      expect(mountinfo('self').some((l) => l.split(' ')[4] === rootfs), 'the host does not see it').toBe(false);
      expect(lstatSync(`${rootfs}/bin/sh`)).toBeTruthy();
      expect(devIno(rootfs)).not.toBe(devIno('/'));
      break;
    }
    case 'chroot':
      expect(rootOf(pids.chroot!)).toEqual({ id: devIno(`${pids.sessionDir}/rootfs`), link: `${pids.sessionDir}/rootfs` });
      expect(rootOf(b).id, 'the container process keeps the host\'s root').toBe(devIno('/'));
      break;
    case 'escape-root':
      // chroot(2) NOTES: the chroot escape reaches the host's /; after pivot_root it ends at the rootfs.
      if (p.process === 'chroot') expect(rootOf(pids.chroot!)).toEqual({ id: devIno('/'), link: '/' });
      else expect(rootOf(pids.pivot!).id).toBe(devIno(`${pids.sessionDir}/rootfs`));
      break;
    case 'pivot-root': {
      const lines = mountinfo(pids.pivot!).map((l) => l.split(' '));
      expect(rootOf(pids.pivot!)).toEqual({ id: devIno(`${pids.sessionDir}/rootfs`), link: '/' });
      expect(nsLink(pids.pivot!, 'mnt')).not.toBe(nsLink(b, 'mnt'));
      expect(lines.map((f) => [f[3], f[4]]), 'only the rootfs is left, as /').toEqual([[rootFieldOf(`${pids.sessionDir}/rootfs`), '/']]);
      expect(rootOf(b).id, 'the container process keeps the host\'s root').toBe(devIno('/'));
      break;
    }
    case 'mount-proc-in-root': {
      const listed = readdirSync(`/proc/${pids.pivot}/root/proc`).filter((n) => /^\d+$/.test(n));
      expect(listed).toContain('1');
      expect(listed.length).toBeLessThan(10);
      expect(mountinfo(pids.pivot!).some((l) => l.split(' ')[4] === '/proc' && / - proc /.test(l))).toBe(true);
      break;
    }
    case 'start-container-init':
      expect(statusField(pids.init!, 'NSpid').split(/\s+/).pop()).toBe('1');
      expect(Number(statusField(pids.init!, 'PPid'))).toBe(b);
      if (pids.cgroupDirs.length) expect(statusFile(pids.init!, 'cgroup'), 'born in the lab cgroup').toMatch(/container-lab-/);
      break;
    case 'mount-proc-in-init': {
      // runc's order: in a mount namespace of its own, proc under the rootfs, before pivot_root
      const merged = `${pids.sessionDir}/containers/${p.container}/merged`;
      expect(nsLink(pids.init!, 'mnt')).not.toBe(nsLink(b, 'mnt'));
      expect(rootOf(pids.init!).id, 'not pivoted yet').toBe(devIno('/'));
      expect(mountinfo(pids.init!).some((l) => l.split(' ')[4] === `${merged}/proc` && / - proc /.test(l))).toBe(true);
      expect(mountinfo(b).some((l) => l.split(' ')[4] === `${merged}/proc`), 'the container process does not see it').toBe(false);
      const listed = readdirSync(`/proc/${pids.init}/root${merged}/proc`).filter((n) => /^\d+$/.test(n));
      expect(listed).toContain('1');
      expect(listed.length).toBeLessThan(10);
      break;
    }
    case 'pivot-init': {
      const merged = `${pids.sessionDir}/containers/${p.container}/merged`;
      // The overlay is mounted only in the container process's mount namespace: reach it through its root link.
      expect(rootOf(pids.init!)).toEqual({ id: devIno(`/proc/${b}/root${merged}`), link: '/' });
      // masked and read-only paths (mask-paths, before pivot_root) are the only mounts under /proc
      const initMounts = mountinfo(pids.init!).map((l) => { const f = l.split(' '); return [f[4], f[f.indexOf('-') + 1]]; });
      expect(initMounts.filter(([point]) => !point.startsWith('/proc/'))).toEqual([['/', 'overlay'], ['/proc', 'proc']]);
      expect(nsLink(pids.init!, 'mnt')).not.toBe(nsLink(b, 'mnt'));
      expect(rootOf(b).id, 'the container process keeps the host\'s root').toBe(devIno('/'));
      const listed = readdirSync(`/proc/${pids.init}/root/proc`).filter((n) => /^\d+$/.test(n));
      expect(listed).toContain('1');
      expect(listed.length).toBeLessThan(10);
      break;
    }
    case 'mask-paths': {
      // before pivot_root: the binds are under the merged directory, in PID 1's mount namespace only
      const merged = `${pids.sessionDir}/containers/${p.container}/merged`;
      const lines = mountinfo(pids.init!).map((l) => l.split(' '));
      for (const path of p.masked as string[]) {
        if (!existsSync(path)) continue; // runc leaves a path the kernel has not got alone
        expect(lines.some((f) => f[4] === merged + path), `${path} is a mount point`).toBe(true);
        const st = statSync(`/proc/${pids.init}/root${merged}${path}`);
        expect([st.isCharacterDevice(), st.rdev]).toEqual([true, statSync('/dev/null').rdev]);
      }
      // read-only, and keeping the nosuid, nodev and noexec of the proc mount it is on (runc's readonlyPath)
      const procFlags = (lines.filter((x) => x[4] === `${merged}/proc`).pop()?.[5].split(',') ?? []).filter((o) => ['nosuid', 'nodev', 'noexec'].includes(o));
      expect(procFlags, 'proc is mounted nosuid, nodev, noexec').toHaveLength(3);
      for (const path of p.readonly as string[]) {
        const f = lines.filter((x) => x[4] === merged + path).pop();
        expect(f?.[5].split(','), `${path} read-only`).toContain('ro');
        expect(f?.[5].split(','), `${path} keeps ${procFlags}`).toEqual(expect.arrayContaining(procFlags));
      }
      expect(mountinfo(b).some((l) => l.split(' ')[4].startsWith(`${merged}/proc/`)), 'the container process does not see them').toBe(false);
      break;
    }
    case 'show-caps':
      // reads only: PID 1 still holds what the host's root holds
      expect(statusField(pids.init!, 'CapEff')).toBe(statusField(process.pid, 'CapEff'));
      break;
    case 'drop-caps': {
      const keep = capBits(p.keep as string[]);
      for (const set of ['CapBnd', 'CapPrm', 'CapEff']) expect(BigInt('0x' + statusField(pids.init!, set)), set).toBe(keep);
      expect(BigInt('0x' + statusField(pids.init!, 'CapInh'))).toBe(0n);
      // CAP_SYS_ADMIN is bit 21 (capabilities(7)): gone
      expect(BigInt('0x' + statusField(pids.init!, 'CapEff')) & (1n << 21n)).toBe(0n);
      break;
    }
    case 'show-lsm-label': {
      // reads only: PID 1 has the label the test itself has (the lab applies none), or, without an LSM, EINVAL for both
      const label = (pid: number) => {
        try {
          return readFileSync(`/proc/${pid}/attr/current`, 'utf8').replace(/\0/g, '').trim();
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'EINVAL') return 'EINVAL';
          throw error;
        }
      };
      expect(label(pids.init!)).toBe(label(process.pid));
      break;
    }
    case 'no-new-privs':
      expect(statusField(pids.init!, 'NoNewPrivs')).toBe('1');
      expect(statusField(b, 'NoNewPrivs'), 'the container process is untouched').toBe('0');
      break;
    case 'load-seccomp':
      expect([statusField(pids.init!, 'Seccomp'), statusField(pids.init!, 'Seccomp_filters')]).toEqual(['2', '1']);
      expect(statusField(b, 'Seccomp'), 'the container process is untouched').toBe('0');
      break;
    case 'exec-init':
      expect(statusFile(pids.init!, 'cmdline').split('\0').filter(Boolean)).toEqual(p.command);
      expect(statusField(pids.init!, 'NSpid').split(/\s+/).pop()).toBe('1');
      // the namespaces the lesson made (what-it-may-do makes no cgroup namespace), and its cgroup if it made one
      for (const ns of ['uts', 'ipc', 'net', 'pid', 'mnt', 'cgroup']) {
        if (ns === 'cgroup' && nsLink(b, ns) === nsLink('self', ns)) continue;
        expect(nsLink(pids.init!, ns), ns).not.toBe(nsLink('self', ns));
      }
      if (pids.cgroupDirs.length) expect(statusFile(pids.init!, 'cgroup')).toMatch(/container-lab-/);
      expect(inNamespaces(pids.init!, ['--uts'], ['hostname']).trim()).toBe(inNamespaces(b, ['--uts'], ['hostname']).trim());
      expect(readFileSync(`${pids.sessionDir}/init.pid`, 'utf8').trim()).toBe(String(pids.init));
      break;
    case 'exec-in-container': {
      // The test's own docker exec: setns into PID 1's namespaces, chroot to its root.
      const argv = Array.isArray(p.command) ? p.command : ['/bin/sh', '-c', p.command];
      const out = inNamespaces(pids.init!, ['--all', '--root', '--wd'], argv);
      if (argv[0] === '/usr/bin/hello') expect(out).toMatch(/^Hello from inside a container!\nI am PID \d+ on host \S+\.$/m);
      else expect(out).toMatch(/^\s*1 sh$/m);
      break;
    }
    case 'unpack-layers':
    case 'mount-overlay':
    case 'edit-rootfs':
    case 'commit-layer':
      verifyLayersStep(step.action.name, p, b, pids.sessionDir);
      break;
    case 'name-container':
    case 'bind-volume':
    case 'write-volume':
    case 'lab-network':
    case 'start-server':
    case 'publish-port':
    case 'run-image-cmd':
      verifyDockerRunStep(step.action.name, p, b, pids.sessionDir);
      break;
    case 'start-daemons':
    case 'load-image':
    case 'docker':
    case 'ctr':
    case 'api-proxy':
    case 'traced-run':
    case 'show-bundle':
    case 'containerd-view':
      verifyChainStep(step.action.name, p, pids.sessionDir);
      break;
    case 'stop-containerd':
    case 'start-containerd':
    case 'start-dockerd':
    case 'show-stdio':
    case 'touch-in-container':
      verifyShimStep(step.action.name, p, pids.sessionDir);
      break;
    case 'runc-bundle':
    case 'runc':
      verifyRuncStep(step.action.name, p, pids.sessionDir);
      break;
    case 'net-bridge':
    case 'net-container':
    case 'net-ping':
    case 'net-serve':
    case 'net-dnat':
    case 'net-connect':
    case 'net-userland-proxy':
    case 'net-join':
      verifyContainerNetStep(step.action.name, p, b, Number(statusField(b, 'PPid')));
      break;
    case 'nsenter-container':
      verifyNsenterStep(p, pids.sessionDir);
      break;
    case 'show-confinement':
      verifyConfinementStep(p, pids.sessionDir);
      break;
    case 'run-in-root':
    case 'run':
      break; // its own output is checked by the lesson's checks; the kernel state is unchanged
    default:
      throw new Error(`no kernel verification for action ${step.action.name}: add one`);
  }
}

/**
 * The verification above is kept by hand on purpose (it reads the kernel itself, never through
 * app code): this keeps it from falling behind the vocabulary. Every action has its case.
 */
it('has a kernel verification for every action of the vocabulary', () => {
  const source = readFileSync(fileURLToPath(import.meta.url), 'utf8');
  const verified = new Set([...source.matchAll(/^ {4}case '([a-z-]+)':/gm)].map((m) => m[1]));
  expect(Object.keys(ACTIONS).filter((name) => !verified.has(name))).toEqual([]);
});

/** Capability names → the bit mask /proc/<pid>/status shows: the numbers of capabilities(7), written out here, not taken from the app. */
const CAP_BITS: Record<string, number> = {
  CAP_CHOWN: 0, CAP_DAC_OVERRIDE: 1, CAP_FOWNER: 3, CAP_FSETID: 4, CAP_KILL: 5, CAP_SETGID: 6, CAP_SETUID: 7,
  CAP_SETPCAP: 8, CAP_NET_BIND_SERVICE: 10, CAP_NET_RAW: 13, CAP_SYS_CHROOT: 18, CAP_MKNOD: 27, CAP_AUDIT_WRITE: 29, CAP_SETFCAP: 31,
};
function capBits(names: string[]): bigint {
  return names.reduce((m, n) => {
    if (CAP_BITS[n] === undefined) throw new Error(`the test knows no bit for ${n}`);
    return m | (1n << BigInt(CAP_BITS[n]));
  }, 0n);
}

/** "32m" → 33554432, the way lesson files write sizes. */
function sizeBytes(v: string | number): number {
  if (typeof v === 'number') return v;
  const m = /^(\d+)([kmg]?)$/i.exec(v)!;
  return Number(m[1]) * ({ '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 } as Record<string, number>)[m[2].toLowerCase()];
}

function linkOrPending(pid: number, name: string): string | null {
  try {
    return nsLink(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function statusFile(pid: number, name: string): string {
  return readFileSync(`/proc/${pid}/${name}`, 'utf8');
}

function lessonSuite(lesson: Lesson): void {
  describeAsRoot(`lesson ${lesson.id}, for real`, () => {
    let helper: HelperClient;
    let session: LiveSession;
    const seen: LabPids[] = [];
    const hostName = hostname();

    let socketsBefore: string[] = [];

    let hostDirsBefore: string[] = [];

    beforeAll(async () => {
      socketsBefore = shimSockets();
      hostDirsBefore = DAEMON_HOST_DIRS.filter((d) => existsSync(d));
      if (lesson.id === 'container-network') rememberHostRuleset();
      helper = HelperClient.start('root', 'inherit');
      await helper.hello();
      session = await LiveSession.open(helper, lesson, { sampleMs: 0 });
    });

    afterAll(async () => {
      await session?.close();
      await helper?.stop();
    });

    lesson.steps.forEach((step, i) => {
      it(`step ${i + 1}: ${step.title}`, async () => {
        const before = new Map<string, string>();
        const b0 = (await helper.pids()).builder;
        for (const ns of ['uts', 'mnt', 'net', 'ipc', 'cgroup']) before.set(ns, nsLink(b0, ns));
        before.set('pid', linkOrPending(b0, 'pid_for_children') ?? 'pending');
        const ok = await session.runStep(i);
        const run = session.getState().steps[i];
        expect(run.error ?? '', JSON.stringify(run.checks)).toBe('');
        expect(ok).toBe(true);
        expect(run.checks.length).toBeGreaterThan(0);
        const pids = await helper.pids();
        seen.push(pids);
        verifyStep(step, pids, hostName, before);
        await session.refresh();
        // the chain lessons' process panel shows the daemons' tree instead of the builder
        const snap = session.getState().snapshot;
        if (!snap?.chain) expect(snap?.processes.some((p) => p.hostPid === pids.builder)).toBe(true);
      });
    });

    it('leaves nothing behind when the lesson closes', async () => {
      const last = seen[seen.length - 1];
      await session.close();
      const pids = [last.builder, last.init, last.user, last.chroot, last.pivot].filter((p): p is number => p !== null);
      expect(await until(() => pids.every((p) => !isAlive(p)), 2000), `still alive: ${pids.filter(isAlive)}`).toBe(true);
      expect(labMountsOnHost()).toEqual([]);
      expect(labCgroupDirs()).toEqual([]);
      expect(await until(() => chainLeftovers(last.sessionDir).length === 0, 5000), `left: ${chainLeftovers(last.sessionDir)}`).toBe(true);
      expect(shimSockets().filter((n) => !socketsBefore.includes(n)), 'shim sockets left in /run/containerd/s').toEqual([]);
      expect(DAEMON_HOST_DIRS.filter((d) => existsSync(d) && !hostDirsBefore.includes(d)), 'host dirs the daemons made').toEqual([]);
      if (lesson.id === 'docker-run') expect(await until(() => dockerRunLeftovers().length === 0, 2000), `left: ${dockerRunLeftovers()}`).toBe(true);
      if (lesson.id === 'container-network') {
        expect(await until(() => containerNetLeftovers().length === 0, 2000), `left: ${containerNetLeftovers()}`).toBe(true);
        expectHostRulesetUnchanged();
      }
      if (lesson.id === 'runc-alone') expect(runcLeftovers(last.sessionDir), 'runc leftovers').toEqual([]);
      expect(existsSync(last.sessionDir)).toBe(false);
    });
  });
}

it('the lessons directory loads without errors', () => {
  expect(errors).toEqual([]);
  expect(lessons.map((l) => l.id)).toEqual(expect.arrayContaining(['just-a-process', 'namespaces']));
});

for (const lesson of lessons) lessonSuite(lesson);
