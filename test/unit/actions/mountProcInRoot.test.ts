// mount-proc-in-root: one mountProc request to the pivot process.
import { describe, expect, it } from 'vitest';
import { mountProcInRoot } from '../../../src/actions/mountProcInRoot.js';
import { startRootProcess } from '../../../src/actions/rootProcess.js';
import { rootChangerLab, ROLE_PIDS } from '../../support/rootChanger.js';

describe('mount-proc-in-root', () => {
  it('asks the pivot process to mount proc on its /proc', async () => {
    const ctx = rootChangerLab();
    await startRootProcess(ctx, 'pivot');
    const result = await mountProcInRoot.run(ctx, {});
    expect(ctx.builder.requests.at(-1)!.params).toEqual({ role: 'pivot', request: { op: 'mountProc' } });
    expect(result.log.map((e) => e.call)).toEqual(['mountProc']);
    expect(result.output).toEqual([`proc mounted on /proc by host PID ${ROLE_PIDS.pivot}, in its own mount namespace`]);
  });

  it('not before pivot-root', async () => {
    await expect(mountProcInRoot.run(rootChangerLab(), {})).rejects.toThrow(/no pivot process yet/);
  });
});
