// Lessons 4 (layers), 5 (changing root) and 6 (container by hand) rootless for real, as uid 65534: the kernel state read from outside while they run.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawn, execFileSync } from 'node:child_process';
import { chownSync, chmodSync, existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import koffi from 'koffi';
import { packageRoot } from '../../src/sys/packageRoot.js';
import { describeAsRoot } from '../support/requireRoot.js';
import { stateHomeOwnedBy } from '../support/ownStateHome.js';
import { labMountsOnHost, labProcesses, mountinfo, nsLink, statusField, until } from '../support/kernelView.js';

const cli = join(packageRoot(), 'dist/app/main.js');
const NOBODY = 65534;
const STATE = join(tmpdir(), `container-lab-${NOBODY}`);
const lgetxattr = koffi.load('libc.so.6').func('long lgetxattr(const char *path, const char *name, _Out_ uint8_t *value, size_t size)');

function xattr(path: string, name: string): string | null {
  const buf = Buffer.alloc(64);
  const n = Number(lgetxattr(path, name, buf, buf.length));
  return n < 0 ? null : buf.subarray(0, n).toString('utf8');
}

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** nobody's session directories in its state directory (stateRoot() without XDG_RUNTIME_DIR). */
function sessions(): string[] {
  return existsSync(STATE) ? readdirSync(STATE).filter((n) => n.startsWith('session-')) : [];
}

/** Live PIDs of nobody's whose command line holds the marker (the builder, a root changer). */
function nobodyWith(marker: string): number[] {
  return readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number).filter((pid) => {
    const cmd = read(`/proc/${pid}/cmdline`);
    if (!cmd?.includes(marker)) return false;
    try {
      return statusField(pid, 'Uid').split(/\s+/)[0] === String(NOBODY);
    } catch {
      return false;
    }
  });
}

/** Runs the lesson as nobody, calling `look` every few ms while it runs; resolves with its exit status and JSON lines. */
function runWatched(lesson: string, cache: string, look: () => void): Promise<{ status: number | null; lines: Array<Record<string, unknown>>; stderr: string }> {
  const child = spawn('setpriv', ['--reuid', String(NOBODY), '--regid', String(NOBODY), '--clear-groups', '--',
    'env', '-u', 'XDG_RUNTIME_DIR', 'HOME=/tmp', `XDG_STATE_HOME=${stateHomeOwnedBy(NOBODY)}`, `CONTAINER_LAB_CACHE_DIR=${cache}`, process.execPath, cli, 'run', lesson, '--no-tui', '--json', '--rootless'],
  { cwd: '/tmp', stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d));
  child.stderr.on('data', (d: Buffer) => (err += d));
  const timer = setInterval(look, 5);
  return new Promise((resolve) => {
    child.on('exit', (status) => {
      clearInterval(timer);
      resolve({ status, stderr: err, lines: out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) });
    });
  });
}

describeAsRoot('rootless lessons 4, 5 and 6, as uid 65534, checked from outside', () => {
  let cache = '';
  beforeAll(() => {
    // nobody builds the lab image into a cache of its own (the run's cache is root's, mode 0700)
    cache = mkdtempSync(join(tmpdir(), 'container-lab-test-rootless-'));
    chmodSync(cache, 0o755);
    chownSync(cache, NOBODY, NOBODY);
  });
  afterAll(() => rmSync(cache, { recursive: true, force: true }));

  it('layers: an overlay mounted with userxattr in the builder\'s own mount namespace, user.overlay.opaque in upperdir, a layer owned by root inside', async () => {
    const hostUserNs = nsLink('self', 'user');
    const seen = { overlays: new Set<string>(), opaque: null as string | null, trusted: null as string | null, upperOwner: -1, userNs: new Set<string>(), uidMap: '', hostMounts: 0 };
    const r = await runWatched('layers', cache, () => {
      seen.hostMounts = Math.max(seen.hostMounts, labMountsOnHost().length);
      for (const pid of nobodyWith('--container-lab-builder')) {
        const info = read(`/proc/${pid}/mountinfo`) ?? '';
        for (const line of info.split('\n').filter((l) => / - overlay /.test(l))) {
          seen.overlays.add(line);
          const upper = /upperdir=([^,]+)/.exec(line)?.[1];
          const dir = upper && join(upper, 'usr/share/hello');
          if (dir && upper.endsWith('/c1/upper') && existsSync(dir)) {
            seen.opaque = xattr(dir, 'user.overlay.opaque') ?? seen.opaque;
            seen.trusted = xattr(dir, 'trusted.overlay.opaque') ?? seen.trusted;
            seen.upperOwner = lstatSync(dir).uid;
            seen.userNs.add(readlinkSync(`/proc/${pid}/ns/user`));
            seen.uidMap = read(`/proc/${pid}/uid_map`) ?? seen.uidMap;
          }
        }
      }
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.lines.at(-1)).toEqual({ type: 'result', ok: true });
    const overlays = [...seen.overlays];
    expect(overlays.length).toBeGreaterThanOrEqual(2); // c1 and c2
    for (const line of overlays) {
      expect(line).toMatch(/,userxattr/);
      expect(line).toContain(`${STATE}/session-`);
    }
    expect(seen.hostMounts).toBe(0);
    // the kernel kept the opaque marker where an unprivileged mount can: user.*, never trusted.*
    expect(seen.opaque).toBe('y');
    expect(seen.trusted).toBeNull();
    // overlayfs wrote upperdir as the user namespace's root, which is nobody on the host
    expect(seen.upperOwner).toBe(NOBODY);
    expect(seen.userNs.size).toBeGreaterThan(0);
    expect([...seen.userNs].every((ns) => ns !== hostUserNs)).toBe(true);
    expect(seen.uidMap.trim().split(/\s+/)).toEqual(['0', String(NOBODY), '1']);
    // the committed layer: the container's root owns its files, and the opaque directory is in the tar
    const index = JSON.parse(readFileSync(join(cache, 'image/index.json'), 'utf8')) as { manifests: Array<{ digest: string; annotations: Record<string, string> }> };
    const committed = index.manifests.find((m) => m.annotations['org.opencontainers.image.ref.name'].startsWith('committed-'))!;
    const manifest = JSON.parse(readFileSync(join(cache, 'image/blobs/sha256', committed.digest.slice(7)), 'utf8')) as { layers: Array<{ digest: string }> };
    const listing = execFileSync('tar', ['-tvzf', join(cache, 'image/blobs/sha256', manifest.layers.at(-1)!.digest.slice(7)), '--numeric-owner'], { encoding: 'utf8' });
    expect(listing).toMatch(/usr\/share\/hello\/\.wh\.\.wh\.\.opq/);
    for (const line of listing.trim().split('\n')) expect(line.split(/\s+/)[1]).toBe('0/0');
    // closed: no process, no mount, and the session directory (with overlayfs's mode-000 work/work) is gone
    expect(await until(() => labProcesses().length === 0 && labMountsOnHost().length === 0, 2000)).toBe(true);
    expect(sessions()).toEqual([]);
  });

  it('a crash mid-lesson: the reaper, running as the user, removes the session, overlayfs\'s mode-000 work directory included, within 5 s', async () => {
    const child = spawn('setpriv', ['--reuid', String(NOBODY), '--regid', String(NOBODY), '--clear-groups', '--',
      'env', '-u', 'XDG_RUNTIME_DIR', 'HOME=/tmp', `XDG_STATE_HOME=${stateHomeOwnedBy(NOBODY)}`, `CONTAINER_LAB_CACHE_DIR=${cache}`, process.execPath, cli, 'run', 'layers', '--no-tui', '--rootless'],
    { cwd: '/tmp', stdio: 'ignore' });
    const workWork = () => sessions().map((n) => join(STATE, n, 'containers/c1/work/work')).find((p) => existsSync(p));
    expect(await until(() => workWork() !== undefined, 20000)).toBe(true);
    expect(lstatSync(workWork()!).mode & 0o777).toBe(0); // what the user cannot enter without chmod
    const helper = nobodyWith('--container-lab-helper');
    expect(helper.length).toBe(1);
    process.kill(helper[0], 'SIGKILL');
    child.kill('SIGKILL'); // setpriv exec'd: this is the app
    const gone = () => sessions().length === 0 && labProcesses().length === 0 && labMountsOnHost().length === 0;
    expect(await until(gone, 5000)).toBe(true);
  });

  it('changing root: pivot_root in a user namespace, the kernel\'s EPERM for proc after it, and proc mounted before pivot_root', async () => {
    const hostRoot = statSync('/');
    const seen = { roots: new Set<string>(), mountPoints: new Set<string>(), procMounts: new Set<string>(), procPids: [] as string[], pivoted: 0, hostMounts: 0 };
    const r = await runWatched('changing-root', cache, () => {
      seen.hostMounts = Math.max(seen.hostMounts, labMountsOnHost().length);
      for (const pid of nobodyWith('--container-lab-pivot')) {
        try {
          // until it has pivoted, the process has the container process's root and mounts
          const root = statSync(`/proc/${pid}/root`); // follows the link: the process's root directory
          if (root.ino === hostRoot.ino && root.dev === hostRoot.dev) continue;
          const lines = readFileSync(`/proc/${pid}/mountinfo`, 'utf8').split('\n').filter(Boolean); // empty once the process is exiting
          seen.pivoted++;
          // mountinfo(5): field 4 is the mount's root in its filesystem, field 5 where it is mounted
          for (const l of lines) {
            seen.mountPoints.add(l.split(' ')[4]);
            if (l.split(' ')[4] === '/') seen.roots.add(l);
            if (/ - proc /.test(l)) seen.procMounts.add(l.split(' ')[4]);
          }
          const pids = readdirSync(`/proc/${pid}/root/proc`).filter((n) => /^\d+$/.test(n));
          if (pids.length) seen.procPids = pids;
        } catch {
          // gone between the reads
        }
      }
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.lines.at(-1)).toEqual({ type: 'result', ok: true });
    const steps = r.lines.filter((l) => l.type === 'step') as Array<{ title: string; log: Array<{ call: string; errno?: string; args: string[] }> }>;
    const procStep = steps.find((s) => s.title === 'Mount /proc again')!;
    // the kernel refused proc where none is visible, then allowed it before pivot_root
    expect(procStep.log.map((e) => `${e.call}${e.errno ? ' ' + e.errno : ''}`)).toEqual(expect.arrayContaining(['mount EPERM', 'mount', 'pivot_root']));
    // once pivoted, its mount table is the rootfs as "/" and, later, proc on /proc: nothing of the host's
    expect(seen.pivoted).toBeGreaterThan(0);
    expect([...seen.roots].map((l) => l.split(' ')[3]), [...seen.roots].join('\n')).toEqual([expect.stringMatching(/\/container-lab-65534\/session-\w+\/rootfs$/)]);
    expect([...seen.mountPoints].sort()).toEqual(['/', '/proc']);
    expect([...seen.procMounts]).toEqual(['/proc']);
    // that proc shows the container's PID namespace: PID 1 and a handful, not the host's hundreds
    expect(seen.procPids).toContain('1');
    expect(seen.procPids.length).toBeLessThan(10);
    expect(seen.hostMounts).toBe(0);
    expect(await until(() => labProcesses().length === 0 && labMountsOnHost().length === 0, 2000)).toBe(true);
    expect(sessions()).toEqual([]);
  });

  /** PID 1 of the by-hand container: nobody's root changer with role init, and the same PID once it has exec'd sh. */
  function devIno(path: string): string {
    const st = statSync(path);
    return `${st.dev}:${st.ino}`;
  }

  it('container by hand: uid_map, overlay with userxattr, proc mounted by PID 1 before pivot_root, pivot_root into the overlay, the cgroup steps skipped with the reason', async () => {
    const hostRoot = devIno('/');
    const hostUserNs = nsLink('self', 'user');
    const seen = {
      uidMaps: new Set<string>(), overlays: new Set<string>(), init: 0, builder: 0, procBeforePivot: '', procListed: [] as string[],
      pivotedMounts: '', rootIsOverlay: false, initCgroup: '', hostMounts: 0,
    };
    const r = await runWatched('by-hand', cache, () => {
      seen.hostMounts = Math.max(seen.hostMounts, labMountsOnHost().length);
      for (const pid of nobodyWith('--container-lab-builder')) {
        // unshare(1) runs with this command line too, in the host's user namespace, until it has made the new one
        if (read(`/proc/${pid}/uid_map`) === null || readlinkSync(`/proc/${pid}/ns/user`) === hostUserNs) continue;
        const map = read(`/proc/${pid}/uid_map`)!.trim();
        // the namespace is made and its map not written yet (the parent writes it after unshare): read again next time
        if (map === '') continue;
        seen.uidMaps.add(map.split(/\s+/).join(' '));
        const overlays = (read(`/proc/${pid}/mountinfo`) ?? '').split('\n').filter((x) => / - overlay /.test(x));
        // the lesson's builder is the one with the overlay (the helper may keep a spare one ready beside it)
        if (overlays.length) seen.builder = pid;
        for (const l of overlays) seen.overlays.add(l);
      }
      for (const pid of nobodyWith('--container-lab-init')) seen.init = pid;
      const pid = seen.init;
      if (!pid || !seen.builder) return;
      try {
        const lines = readFileSync(`/proc/${pid}/mountinfo`, 'utf8').trim().split('\n').map((l) => l.split(' '));
        const fs = (f: string[]) => f[f.indexOf('-') + 1];
        const rootLine = lines.find((f) => f[4] === '/');
        if (devIno(`/proc/${pid}/root`) === hostRoot) {
          // not pivoted yet: proc under the overlay's merged directory, in PID 1's own mount namespace
          const proc = lines.find((f) => fs(f) === 'proc' && /\/containers\/c1\/merged\/proc$/.test(f[4]));
          if (proc && readlinkSync(`/proc/${pid}/ns/mnt`) !== readlinkSync(`/proc/${seen.builder}/ns/mnt`)) {
            seen.procBeforePivot = proc[4];
            seen.procListed = readdirSync(`/proc/${pid}/root${proc[4]}`).filter((n) => /^\d+$/.test(n));
          }
        } else if (rootLine && fs(rootLine) === 'overlay') {
          seen.pivotedMounts = lines.map((f) => `${f[4]} ${fs(f)}`).join(', ');
          const merged = [...seen.overlays].map((l) => l.split(' ')[4]).find((m) => m.endsWith('/containers/c1/merged'));
          seen.rootIsOverlay ||= merged !== undefined && devIno(`/proc/${pid}/root`) === devIno(`/proc/${seen.builder}/root${merged}`);
          seen.initCgroup = read(`/proc/${pid}/cgroup`) ?? seen.initCgroup;
        }
      } catch {
        // gone between the reads
      }
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.lines.at(-1)).toEqual({ type: 'result', ok: true, skipped: 3 });
    // the user namespace maps only nobody, as root inside
    expect([...seen.uidMaps]).toEqual([`0 ${NOBODY} 1`]);
    // the rootfs: an overlay with userxattr, in the builder's mount namespace only
    expect(seen.overlays.size).toBe(1);
    expect([...seen.overlays][0]).toMatch(new RegExp(`${STATE}/session-\\w+/containers/c1/merged .* - overlay overlay .*,userxattr`));
    expect(seen.hostMounts).toBe(0);
    // runc's order: proc on the rootfs before pivot_root, listing the container's PID namespace only
    expect(seen.procBeforePivot).toMatch(new RegExp(`^${STATE}/session-\\w+/containers/c1/merged/proc$`));
    expect(seen.procListed).toContain('1');
    expect(seen.procListed.length).toBeLessThan(10);
    // pivot_root done: PID 1's root is the overlay, and its mount table the overlay and proc alone
    expect(seen.rootIsOverlay).toBe(true);
    expect(seen.pivotedMounts).toBe('/ overlay, /proc proc');
    // no cgroup of the lab's: the three cgroup steps skipped, saying why and what the host would need
    expect(seen.initCgroup).not.toMatch(/container-lab-/);
    const steps = r.lines.filter((l) => l.type === 'step') as Array<{ title: string; status: string; skipped?: { reason: string; needs: string } }>;
    expect(steps.filter((st) => st.status === 'skipped').map((st) => st.title)).toEqual(['A cgroup', 'Limits', 'At most 128 tasks']);
    for (const st of steps.filter((x) => x.status === 'skipped')) {
      expect(st.skipped!.reason).toMatch(/^not root, and no cgroup of the lab's own can be made here: this host has cgroup (v1|hybrid)/);
      expect(st.skipped!.needs).toMatch(/cgroup v2 subtree systemd delegates to your user/);
    }
    expect(steps.filter((st) => st.status !== 'skipped').every((st) => st.status === 'done')).toBe(true);
    expect(await until(() => labProcesses().length === 0 && labMountsOnHost().length === 0 && !existsSync(`/proc/${seen.init}`), 2000)).toBe(true);
    expect(sessions()).toEqual([]);
  });

  it('container by hand: the app SIGKILLed once PID 1 has pivoted; PID 1, the mounts and the session are gone within 5 s', async () => {
    const child = spawn('setpriv', ['--reuid', String(NOBODY), '--regid', String(NOBODY), '--clear-groups', '--',
      'env', '-u', 'XDG_RUNTIME_DIR', 'HOME=/tmp', `XDG_STATE_HOME=${stateHomeOwnedBy(NOBODY)}`, `CONTAINER_LAB_CACHE_DIR=${cache}`, process.execPath, cli, 'run', 'by-hand', '--no-tui', '--rootless'],
    { cwd: '/tmp', stdio: 'ignore' });
    const hostRoot = devIno('/');
    let init = 0;
    const pivoted = () => {
      init = nobodyWith('--container-lab-init')[0] ?? init;
      try {
        return init > 0 && devIno(`/proc/${init}/root`) !== hostRoot;
      } catch {
        return false;
      }
    };
    expect(await until(pivoted, 20000)).toBe(true);
    child.kill('SIGKILL'); // setpriv exec'd: this is the app
    const killedAt = Date.now();
    const gone = () => !existsSync(`/proc/${init}`) && sessions().length === 0 && labProcesses().length === 0 && labMountsOnHost().length === 0;
    expect(await until(gone, 5000)).toBe(true);
    expect(Date.now() - killedAt).toBeLessThan(5000);
  });
});
