// pivot-root: a pivot process is started and asked to pivot_root into the rootfs with the old root on /.old_root.
import { describe, expect, it } from 'vitest';
import { pivotRoot, PUT_OLD } from '../../../src/actions/pivotRoot.js';
import { rootProcessPids } from '../../../src/actions/rootProcess.js';
import { LabError } from '../../../src/errors.js';
import { entry, rootChangerLab, ROLE_PIDS } from '../../support/rootChanger.js';

const ROOTFS = '/run/container-lab/session-test/rootfs';

describe('pivot-root', () => {
  it('starts the pivot process and sends one pivot request', async () => {
    const ctx = rootChangerLab({ pivot: { output: ['ls /: bin etc proc'] } });
    const result = await pivotRoot.run(ctx, {});
    expect(PUT_OLD).toBe('.old_root');
    expect(ctx.builder.requests.map((r) => r.params)).toEqual([
      { role: 'pivot' },
      { role: 'pivot', request: { op: 'pivot', newRoot: ROOTFS, putOld: `${ROOTFS}/.old_root` } },
    ]);
    expect(rootProcessPids(ctx).pivot).toBe(ROLE_PIDS.pivot);
    expect(result.output[0]).toBe(`pivot_root process: host PID ${ROLE_PIDS.pivot}, in a mount namespace of its own`);
    expect(result.stdout).toEqual(['ls /: bin etc proc']);
  });

  it('a refused pivot_root keeps the spawn and the failing call in the error\'s log', async () => {
    const failed = { ...entry('pivot_root'), ret: '-1', errno: 'EINVAL' };
    const ctx = rootChangerLab({ pivot: new LabError('pivot_root: EINVAL', 'new_root must be a mount point', undefined, [failed]) });
    const error = (await pivotRoot.run(ctx, {}).catch((e: LabError) => e)) as LabError;
    expect(error.hint).toMatch(/mount point/);
    expect(error.log!.map((e) => [e.call, e.errno])).toEqual([['spawn', undefined], ['pivot_root', 'EINVAL']]);
    expect(rootProcessPids(ctx).pivot, 'started, so the teardown still kills it').toBe(ROLE_PIDS.pivot);
  });
});
