// Lesson 5's tasks for real: a chroot escape with the image's busybox, then the same climb ending at the rootfs after pivot_root.
import { afterEach, expect, it } from 'vitest';
import { join } from 'node:path';
import { describeAsRoot } from '../../support/requireRoot.js';
import { useLiveLesson } from '../../support/liveLesson.js';
import { expectSolved, expectUnsolved, openTask } from '../../support/taskRun.js';
import { LearnerProcesses } from '../../support/learnerProcess.js';
import { devIno, rootOf } from '../../support/rootView.js';
import { nsLink } from '../../support/kernelView.js';

/**
 * The hints' commands, in a chrooted (or pivoted) busybox shell: a jail with a busybox, the climb, chroot ".".
 * Each shell stays the parent of the next ("; :" keeps sh from exec'ing its last command), as an interactive one does.
 */
const CLIMB = 'mkdir -p /x && cp /bin/busybox /x/ && nsenter --root=/x --wd=/ /busybox sh -c '
  + '"for i in 1 2 3 4 5 6 7 8; do cd ..; done; /busybox chroot . /bin/sh -c \\"exec sleep 60\\"; :"; :';

describeAsRoot('lesson 5 tasks (changing-root)', () => {
  const live = useLiveLesson('changing-root');
  const learner = new LearnerProcesses();
  afterEach(() => learner.stop());

  it('climb-out: a jail that stays a jail leaves it open; the nsenter --wd climb solves it', async () => {
    await openTask(live, 'climb-out');
    const { builder, sessionDir } = await live.helper.pids();
    const rootfs = join(sessionDir, 'rootfs');
    // as in `s`: the container's mount namespace and root, then chroot into the image
    const inContainer = ['nsenter', '--target', String(builder), '--mount', '--root', '--wd', '--', 'chroot', rootfs, '/bin/sh', '-c'];

    // a shell in the chroot, nothing more
    const jailed = await learner.start([...inContainer, 'exec sleep 60'], 'sleep');
    expect(rootOf(jailed).id).toBe(devIno(rootfs));
    let t = await expectUnsolved(live, 'climb-out');
    expect(t.checks[0].detail).toMatch(/has the rootfs as root, but no descendant has the host's \/.*nobody got out yet/);

    // busybox chroot changes to the new root's "/": the climb from there stops at the jail
    await learner.start([...inContainer, 'mkdir -p /x && cp /bin/busybox /x/ && ln -sf busybox /x/sleep && /bin/busybox chroot /x /busybox sh -c "cd ..; cd ..; /busybox chroot . /sleep 60"; :'], 'sleep');
    t = await expectUnsolved(live, 'climb-out');
    expect(t.checks[0].detail).toMatch(/nobody got out yet/);
    await learner.stop();

    // the hints: nsenter --root=/x --wd=/ keeps the working directory outside the jail, and ".." climbs to the host's /
    const out = await learner.start([...inContainer, CLIMB], 'sleep');
    expect(rootOf(out).id, 'the escaped sleep has the host\'s / as its root').toBe(devIno('/'));
    t = await expectSolved(live, 'climb-out');
    expect(t.checks[0].detail).toMatch(new RegExp(`sleep ${out} has the host's / as its root`));
  });

  it('pivot-holds: no jail, or a jail without the climb, leave it open; the climb from a jail ends at the rootfs', async () => {
    await openTask(live, 'pivot-holds');
    const { pivot, sessionDir } = await live.helper.pids();
    expect(pivot).not.toBeNull();
    const rootfs = devIno(join(sessionDir, 'rootfs'));

    const enter = ['nsenter', '--target', String(pivot), '--mount', '--root', '--wd', '--', '/bin/sh', '-c'];
    // chroot "." at the top, without a jail below it: nothing was climbed out of
    const flat = await learner.start([...enter, '/bin/busybox chroot . /bin/sh -c "exec sleep 60"; :'], 'sleep');
    expect(nsLink(flat, 'mnt')).toBe(nsLink(pivot!, 'mnt'));
    expect(rootOf(flat).id).toBe(rootfs);
    let t = await expectUnsolved(live, 'pivot-holds');
    expect(t.checks[0].detail).toMatch(/all have the rootfs as root; none is in a jail below it/);
    await learner.stop();

    // a jail, and no climb: its root stays the jail
    const jail = await learner.start([...enter, 'mkdir -p /x && cp /bin/busybox /x/ && ln -sf busybox /x/sleep && nsenter --root=/x --wd=/x /sleep 60; :'], 'sleep');
    expect(rootOf(jail).id).not.toBe(rootfs);
    t = await expectUnsolved(live, 'pivot-holds');
    expect(t.checks[0].detail).toMatch(new RegExp(`sleep ${jail} has a root inside the rootfs \\(a jail\\), but no descendant has climbed back`));
    await learner.stop();

    // entered as the task says: the climb stops at the top of the pivoted mount tree
    const stopped = await learner.start([...enter, CLIMB], 'sleep');
    expect(nsLink(stopped, 'mnt')).toBe(nsLink(pivot!, 'mnt'));
    expect(rootOf(stopped).id, 'the climb ended at the rootfs').toBe(rootfs);
    t = await expectSolved(live, 'pivot-holds');
    expect(t.checks[0].detail).toMatch(new RegExp(`sleep ${stopped} climbed out of the jail of \\S+ \\d+ and its root is the rootfs`));
  });
});
