// A container plants symlinks (absolute, relative, "..", to /proc/self/root) where the root helper writes: nothing
// on the host may be created or changed, and each step says what it did inside the container. Run twice: with
// openat2(2), and with the fallback (CONTAINER_LAB_NO_OPENAT2=1: a child in the container's namespace and root).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HelperClient, type ActReply } from '../../src/helper/client.js';
import { describeAsRoot } from '../support/requireRoot.js';
import { isAlive, until } from '../support/kernelView.js';
import { labContainer } from '../support/shimView.js';

/** The host's view, taken by the test itself: every marker path, and what it holds. */
function hostState(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      const r = rel ? `${rel}/${name}` : name;
      const isDir = spawnSync('test', ['-d', path]).status === 0;
      out[r] = isDir ? 'dir' : readFileSync(path, 'utf8');
      if (isDir) walk(path, r);
    }
  };
  walk(dir, '');
  return out;
}

function sha(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** A command run as the container would: nsenter into `pid`'s mount namespace and root (its own busybox). */
function asContainer(pid: number, script: string, root?: string): { status: number | null; stdout: string; stderr: string } {
  const argv = root
    ? ['nsenter', '--target', String(pid), '--mount', '--', 'chroot', root, '/bin/sh', '-c', script]
    : ['nsenter', '--target', String(pid), '--mount', '--root', '--', '/bin/sh', '-c', script];
  const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', timeout: 10_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function outcome(p: Promise<ActReply>): Promise<{ output: string[]; error: string }> {
  try {
    return { output: (await p).output, error: '' };
  } catch (e) {
    return { output: [], error: (e as Error).message };
  }
}

function attacks(mode: 'openat2' | 'fallback'): void {
  let saved: string | undefined;
  let marks = '';
  let before: Record<string, string> = {};
  beforeAll(() => {
    saved = process.env.CONTAINER_LAB_NO_OPENAT2;
    if (mode === 'fallback') process.env.CONTAINER_LAB_NO_OPENAT2 = '1';
    else delete process.env.CONTAINER_LAB_NO_OPENAT2;
    marks = realpathSync(mkdtempSync('/tmp/container-lab-test-'));
    writeFileSync(join(marks, 'victim'), 'host file\n');
    mkdirSync(join(marks, 'victimdir'));
    writeFileSync(join(marks, 'victimdir', 'keep'), 'host dir entry\n');
    before = hostState(marks);
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.CONTAINER_LAB_NO_OPENAT2;
    else process.env.CONTAINER_LAB_NO_OPENAT2 = saved;
    rmSync(marks, { recursive: true, force: true });
  });

  const hostUnchanged = () => expect(hostState(marks), `host markers under ${marks}`).toEqual(before);

  it(`${mode}: touch-in-container through planted links creates nothing on the host`, async () => {
    const helper = HelperClient.start('root', 'inherit');
    try {
      const { sessionDir } = await helper.open();
      await helper.act('start-daemons', {});
      await helper.act('load-image', { into: ['docker'] });
      await helper.act('docker', { args: ['run', '-d', '-i', '--name', 'container-lab-shim', 'container-lab/lab:latest', 'sh', '-c',
        'while [ ! -e /tmp/stop ]; do sleep 0.2; done; exit 42'] });
      const { pid } = labContainer(sessionDir);
      // The container makes the same directory as the host's marker dir, so links into it resolve there.
      const planted = asContainer(pid, [
        `mkdir -p ${marks}`,
        `ln -s ${marks}/abs-marker /tmp/abs`,
        `ln -s ../../../../../../..${marks}/rel-marker /tmp/rel`,
        `ln -s ../../../../../../..${marks} /tmp/updir`,
        `ln -s /proc/self/root${marks}/magic-marker /tmp/magic`,
        `ln -s ${marks}/stop-marker /tmp/stop.link`,
      ].join(' && '));
      expect(planted.status, planted.stderr).toBe(0);

      const abs = await outcome(helper.act('touch-in-container', { path: '/tmp/abs' }));
      hostUnchanged();
      expect(abs.error).toBe('');
      expect(abs.output.join('\n')).toContain(`/tmp/abs is a symlink to ${marks}/abs-marker in the container`);
      expect(asContainer(pid, `test -e ${marks}/abs-marker`).status, 'made inside the container').toBe(0);
      const rel = await outcome(helper.act('touch-in-container', { path: '/tmp/rel' }));
      expect(rel.error).toBe('');
      expect(asContainer(pid, `test -e ${marks}/rel-marker`).status, 'made inside the container').toBe(0);
      const updir = await outcome(helper.act('touch-in-container', { path: '/tmp/updir/up-marker' }));
      expect(updir.error).toBe('');
      expect(asContainer(pid, `test -e ${marks}/up-marker`).status, 'made inside the container').toBe(0);
      const magic = await outcome(helper.act('touch-in-container', { path: '/tmp/magic' }));
      expect(magic.error).toMatch(/could not create \/tmp\/magic in the container: (ELOOP|ENOENT)/);
      hostUnchanged();

      // The lesson's own step: /tmp/stop is now a link the container planted; the container still sees it and exits.
      expect(asContainer(pid, 'mv /tmp/stop.link /tmp/stop').status).toBe(0);
      const stop = await outcome(helper.act('touch-in-container', { path: '/tmp/stop' }));
      expect(stop.error).toBe('');
      expect(stop.output[0]).toMatch(/^opened or created, through the symlink, \/tmp\/stop in the container/);
      expect(await until(() => !isAlive(pid), 5000)).toBe(true);
      hostUnchanged();
    } finally {
      await helper.stop();
    }
  }, 120_000);

  it(`${mode}: edit-rootfs write, append, delete and replace-dir through planted links change nothing on the host`, async () => {
    const helper = HelperClient.start('root', 'inherit');
    try {
      const { sessionDir, builderPid } = await helper.open();
      await helper.act('unshare', { namespaces: ['mnt'] });
      await helper.act('make-mounts-private', {});
      await helper.act('unpack-layers', {});
      await helper.act('mount-overlay', { container: 'c1' });
      const merged = join(sessionDir, 'containers/c1/merged');
      const planted = asContainer(builderPid, [
        `mkdir -p ${marks}/victimdir`,
        `echo container file > ${marks}/victim`,
        `ln -s ${marks}/victim /abs.txt`,
        `ln -s ../../../../../..${marks}/victim /etc/rel.txt`,
        `ln -s ../../../../../..${marks} /updir`,
        `ln -s /proc/self/root${marks}/victim /magic.txt`,
        `ln -s ${marks}/victim /etc/del.txt`,
        `ln -s ${marks}/victimdir /usr/share/linkdir`,
      ].join(' && '), merged);
      expect(planted.status, planted.stderr).toBe(0);
      const edit = (op: string, path: string, text?: string) =>
        outcome(helper.act('edit-rootfs', { container: 'c1', op, path, ...(text === undefined ? {} : { text }) }));
      const inside = (path: string) => asContainer(builderPid, `cat ${path}`, merged).stdout;

      const write = await edit('write', '/abs.txt', 'written\n');
      hostUnchanged();
      expect(write.error).toBe('');
      expect(write.output[0]).toContain(`/abs.txt is a symlink to ${marks}/victim in the container`);
      expect(inside(`${marks}/victim`)).toBe('written\n');
      const append = await edit('append', '/etc/rel.txt', 'appended\n');
      expect(append.error).toBe('');
      expect(inside(`${marks}/victim`)).toBe('written\nappended\n');
      expect((await edit('write', '/updir/new.txt', 'x\n')).error).toBe('');
      expect(inside(`${marks}/new.txt`)).toBe('x\n');
      expect((await edit('write', '/magic.txt', 'x\n')).error).toMatch(/ELOOP|ENOENT/);
      const del = await edit('delete', '/etc/del.txt');
      expect(del.output[0]).toMatch(/deleted \/etc\/del\.txt \(a symlink: the link itself/);
      expect(inside(`${marks}/victim`), 'the target stays').toBe('written\nappended\n');
      const replace = await edit('replace-dir', '/usr/share/linkdir');
      expect(replace.error).toBe('');
      expect(replace.output[0]).toContain('removed the symlink /usr/share/linkdir');
      hostUnchanged();
    } finally {
      await helper.stop();
    }
  }, 120_000);

  it(`${mode}: bind-volume and write-volume on both sides through planted links change nothing on the host`, async () => {
    const helper = HelperClient.start('root', 'inherit');
    try {
      const { sessionDir, builderPid } = await helper.open();
      await helper.act('unshare', { namespaces: ['mnt', 'uts', 'ipc', 'net', 'pid'] });
      await helper.act('make-mounts-private', {});
      await helper.act('start-init', {});
      await helper.act('name-container', {});
      await helper.act('unpack-layers', {});
      await helper.act('mount-overlay', { container: 'c1' });
      const merged = join(sessionDir, 'containers/c1/merged');
      expect(asContainer(builderPid, `mkdir -p ${marks} && ln -s ${marks}/victimdir /data2`, merged).status).toBe(0);
      const refused = await outcome(helper.act('bind-volume', { target: '/data2' }));
      expect(refused.error).toContain(`/data2 in the container is a symlink to ${marks}/victimdir: the volume is not mounted there`);
      expect((await outcome(helper.act('bind-volume', { target: '/data' }))).error).toBe('');
      const planted = asContainer(builderPid, [
        `ln -s ${marks}/vol-marker /data/from-container.txt`,
        `ln -s ../../../../../..${marks}/vol-host-marker /data/index.html`,
      ].join(' && '), merged);
      expect(planted.status, planted.stderr).toBe(0);
      const inside = await outcome(helper.act('write-volume', { side: 'container', file: 'from-container.txt', text: 'in\n' }));
      hostUnchanged();
      expect(inside.error).toBe('');
      expect(inside.output[1]).toContain(`/data/from-container.txt is a symlink to ${marks}/vol-marker in the container`);
      expect(asContainer(builderPid, `cat ${marks}/vol-marker`, merged).stdout).toBe('in\n');
      const onHost = await outcome(helper.act('write-volume', { side: 'host', file: 'index.html', text: 'host\n' }));
      hostUnchanged();
      expect(onHost.error).toMatch(/could not write index.html in the volume: ENOENT/);
      const checks = await helper.checks([{ kind: 'volume-shows', params: { file: 'from-container.txt', text: 'in' }, line: 0 }]);
      expect(checks[0].ok, checks[0].detail).toBe(false);
    } finally {
      await helper.stop();
    }
  }, 120_000);

  it(`${mode}: edit-rootfs append to the image's /bin/sh -> /bin/busybox changes the container's busybox, not the host's`, async () => {
    const hostBusybox = realpathSync('/bin/busybox');
    const hostSum = sha(hostBusybox);
    const helper = HelperClient.start('root', 'inherit');
    try {
      const { sessionDir } = await helper.open();
      await helper.act('unshare', { namespaces: ['mnt'] });
      await helper.act('make-mounts-private', {});
      await helper.act('unpack-layers', {});
      await helper.act('mount-overlay', { container: 'c1' });
      const sh = await outcome(helper.act('edit-rootfs', { container: 'c1', op: 'append', path: '/bin/sh', text: '' }));
      expect(sh.error).toBe('');
      expect(sh.output[0]).toContain('/bin/sh is a symlink to /bin/busybox in the container');
      expect(existsSync(join(sessionDir, 'containers/c1/upper/bin/busybox')), 'copied up in the container').toBe(true);
      expect(sha(hostBusybox)).toBe(hostSum);
    } finally {
      await helper.stop();
    }
  }, 120_000);
}

describeAsRoot('symlink attacks: openat2 RESOLVE_IN_ROOT', () => attacks('openat2'));
describeAsRoot('symlink attacks: the fallback without openat2', () => attacks('fallback'));
