// chroot: a chroot process is started, asked to chroot into the rootfs, and reports what "/" holds.
import { describe, expect, it } from 'vitest';
import { chroot } from '../../../src/actions/chroot.js';
import { rootProcessPids } from '../../../src/actions/rootProcess.js';
import { rootChangerLab, ROLE_PIDS } from '../../support/rootChanger.js';

describe('chroot', () => {
  it('starts the chroot process and sends it one chroot request for <session>/rootfs', async () => {
    const ctx = rootChangerLab({ chroot: { output: ['ls /: bin etc proc'] } });
    const result = await chroot.run(ctx, {});
    expect(ctx.builder.requests).toEqual([
      { method: 'startRootProcess', params: { role: 'chroot' } },
      { method: 'rootProcessCall', params: { role: 'chroot', request: { op: 'chroot', path: '/run/container-lab/session-test/rootfs' } } },
    ]);
    expect(rootProcessPids(ctx).chroot).toBe(ROLE_PIDS.chroot);
    expect(result.log.map((e) => e.call)).toEqual(['spawn', 'chroot']);
    expect(result.output).toEqual([`chroot process: host PID ${ROLE_PIDS.chroot}`, 'ls /: bin etc proc']);
    expect(result.stdout).toEqual(['ls /: bin etc proc']);
  });
});
