// The changing-root lesson's failure paths, for real: wrong order, a rootfs that is no mount point, and the helper killed mid-lesson.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { existsSync, mkdirSync } from 'node:fs';
import { HelperClient } from '../../src/helper/client.js';
import { LabError } from '../../src/errors.js';
import { describeAsRoot } from '../support/requireRoot.js';
import { isAlive, labMountsOnHost, until } from '../support/kernelView.js';
import { devIno, rootOf } from '../support/rootView.js';
import type { SyscallEntry } from '../../src/types.js';

async function failure(p: Promise<unknown>): Promise<LabError> {
  try {
    await p;
  } catch (error) {
    return error as LabError;
  }
  throw new Error('expected the action to fail');
}

describeAsRoot('changing-root: failures and teardown', () => {
  let helper: HelperClient;

  beforeAll(async () => {
    helper = HelperClient.start('root', 'inherit');
    await helper.hello();
  });

  afterAll(async () => {
    await helper?.stop();
  });

  it('an escape before any chroot says which step comes first', async () => {
    await helper.open();
    const error = await failure(helper.act('escape-root', { process: 'chroot', dir: 'x' }));
    expect(error.message).toMatch(/no chroot process/);
    expect(error.hint).toMatch(/chroot step/);
    await helper.closeLesson();
  });

  it('pivot_root onto a plain directory fails, shown in the log with a hint', async () => {
    const { sessionDir } = await helper.open();
    await helper.act('unshare', { namespaces: ['mnt', 'pid'] });
    await helper.act('make-mounts-private', {});
    await helper.act('start-init', {});
    mkdirSync(`${sessionDir}/rootfs`, { mode: 0o755 }); // a directory, but no mount point
    const error = await failure(helper.act('pivot-root', {}));
    const pivot = (error.log ?? []).find((e: SyscallEntry) => e.call === 'pivot_root');
    // pivot_root(2): EBUSY when that directory is on the current root mount (here /run is), else EINVAL.
    expect(pivot?.ret).toBe('-1');
    expect(['EBUSY', 'EINVAL']).toContain(pivot?.errno);
    expect(error.hint).toMatch(/mount point/);
    const pids = await helper.pids();
    // It failed before changing anything: its root is still the host's.
    expect(rootOf(pids.pivot!).id).toBe(devIno('/'));
    await helper.closeLesson();
    expect(await until(() => !isAlive(pids.pivot!) && !isAlive(pids.init!) && !isAlive(pids.builder), 2000)).toBe(true);
    expect(existsSync(sessionDir)).toBe(false);
  });

  it('SIGKILL of the helper after the escape: the escaped process dies with the container', async () => {
    const victim = HelperClient.start('root', 'inherit');
    await victim.hello();
    await victim.open();
    for (const [name, params] of [
      ['unshare', { namespaces: ['mnt', 'pid'] }], ['make-mounts-private', {}], ['start-init', {}],
      ['prepare-rootfs', {}], ['chroot', {}], ['escape-root', { process: 'chroot', dir: 'x' }], ['pivot-root', {}],
    ] as const) await victim.act(name, params);
    const pids = await victim.pids();
    expect(rootOf(pids.chroot!).id, 'escaped to the host\'s /').toBe(devIno('/'));
    process.kill(victim.pid!, 'SIGKILL');
    // PR_SET_PDEATHSIG: builder after the helper, then the chroot, pivot and init processes after the builder.
    const all = [pids.builder, pids.init!, pids.chroot!, pids.pivot!];
    expect(await until(() => all.every((p) => !isAlive(p)), 3000), `alive: ${all.filter(isAlive)}`).toBe(true);
    expect(labMountsOnHost()).toEqual([]);
    await helper.sweep(); // the crashed session's scratch directory
    expect(existsSync(pids.sessionDir)).toBe(false);
  });
});
