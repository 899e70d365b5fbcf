// unshare: one unshare(2) in the container process with a flag per namespace; the state it keeps.
import { describe, expect, it } from 'vitest';
import { unshare } from '../../../src/actions/unshare.js';
import { fakeLab } from '../../support/fakeLab.js';
import { CLONE } from '../../../native/constants.js';

describe('unshare', () => {
  it('asks the container process for one unshare(2) with every flag', async () => {
    const ctx = fakeLab();
    const result = await unshare.run(ctx, { namespaces: ['uts', 'mnt', 'pid'] });
    expect(ctx.builder.requests).toEqual([{ method: 'step', params: { action: 'unshare', params: { namespaces: ['uts', 'mnt', 'pid'] }, sessionDir: ctx.session.dir } }]);
    expect(ctx.sys.calls).toEqual([{ via: 'kernel', call: 'unshare', args: [CLONE.NEWUTS | CLONE.NEWNS | CLONE.NEWPID] }]);
    expect(result.log.map((e) => e.call)).toEqual(['unshare']);
    expect(result.output[0]).toMatch(/next child is PID 1/);
  });

  it('remembers a mount and a PID namespace of its own; says nothing about PID 1 without pid', async () => {
    const ctx = fakeLab();
    const result = await unshare.run(ctx, { namespaces: ['mnt'] });
    expect(ctx.builder.state.mntUnshared).toBe(true);
    expect(ctx.builder.state.pidUnshared).toBe(false);
    expect(result.output).toEqual([]);
  });

  it('provides its namespaces to later steps, by name', () => {
    expect(unshare.provides).toEqual(['own {namespaces} namespace']);
  });
});
