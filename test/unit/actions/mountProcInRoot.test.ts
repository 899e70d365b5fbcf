// mount-proc-in-root: one mountProc request to the pivot process.
import { describe, expect, it } from 'vitest';
import { mountProcInRoot } from '../../../src/actions/mountProcInRoot.js';
import { startRootProcess } from '../../../src/actions/rootProcess.js';
import { rootChangerLab, ROLE_PIDS } from '../../support/rootChanger.js';
import { LabError } from '../../../src/errors.js';

describe('mount-proc-in-root', () => {
  it('asks the pivot process to mount proc on its /proc', async () => {
    const ctx = rootChangerLab();
    await startRootProcess(ctx, 'pivot');
    const result = await mountProcInRoot.run(ctx, {});
    expect(ctx.builder.requests.at(-1)!.params).toEqual({ role: 'pivot', request: { op: 'mountProc' } });
    expect(result.log.map((e) => e.call)).toEqual(['mountProc']);
    expect(result.output).toEqual([`proc mounted on /proc by host PID ${ROLE_PIDS.pivot}, in its own mount namespace`]);
  });

  it('rootless: the kernel\'s EPERM stays in the log; a new pivot process mounts proc on the rootfs, then pivots', async () => {
    const refused = new LabError('mount: EPERM (Operation not permitted)', undefined, undefined, [{ t: 0, call: 'mount', args: ['"proc"'], ret: '-1', errno: 'EPERM' }]);
    const ctx = rootChangerLab({ mountProc: refused }, { rootless: true });
    await startRootProcess(ctx, 'pivot');
    const result = await mountProcInRoot.run(ctx, {});
    const rootfs = `${ctx.session.dir}/rootfs`;
    expect(ctx.builder.requests.slice(-2).map((r) => r.params)).toEqual([
      { role: 'pivot' },
      { role: 'pivot', request: { op: 'pivot', newRoot: rootfs, putOld: `${rootfs}/.old_root`, procFirst: true } },
    ]);
    expect(result.log.map((e) => `${e.call}${e.errno ? ' ' + e.errno : ''}`)).toEqual(['mount EPERM', 'spawn', 'pivot']);
    expect(result.output.join(' ')).toMatch(/mount_too_revealing.*before pivot_root/);
  });

  it('as root, or for any other error, the failure is the step\'s', async () => {
    const refused = new LabError('mount: EPERM (Operation not permitted)', undefined, undefined, [{ t: 0, call: 'mount', args: [], ret: '-1', errno: 'EPERM' }]);
    const root = rootChangerLab({ mountProc: refused });
    await startRootProcess(root, 'pivot');
    await expect(mountProcInRoot.run(root, {})).rejects.toThrow(/EPERM/);
    const other = rootChangerLab({ mountProc: new LabError('mount: EBUSY', undefined, undefined, [{ t: 0, call: 'mount', args: [], ret: '-1', errno: 'EBUSY' }]) }, { rootless: true });
    await startRootProcess(other, 'pivot');
    await expect(mountProcInRoot.run(other, {})).rejects.toThrow(/EBUSY/);
  });

  it('not before pivot-root', async () => {
    await expect(mountProcInRoot.run(rootChangerLab(), {})).rejects.toThrow(/no pivot process yet/);
  });
});
