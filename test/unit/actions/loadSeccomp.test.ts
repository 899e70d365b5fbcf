// load-seccomp: the names this architecture has go to PID 1; the others are named as left out.
import { describe, expect, it } from 'vitest';
import { arch } from 'node:process';
import { loadSeccomp } from '../../../src/actions/loadSeccomp.js';
import { byHandLab } from '../../support/containerByHand.js';

describe('load-seccomp', () => {
  it('sends the names of this architecture, the program listing after the first line', async () => {
    const ctx = byHandLab('pivoted', { seccomp: { output: [' 0: ld  [arch]'] } });
    const result = await loadSeccomp.run(ctx, loadSeccomp.params.parse({}));
    const sent = arch === 'arm64' ? ['mkdirat'] : ['mkdir', 'mkdirat'];
    expect(ctx.builder.requests).toEqual([{ method: 'rootProcessCall', params: { role: 'init', request: { op: 'seccomp', deny: sent } } }]);
    expect(result.output[0]).toBe(`filter loaded into PID 1 (host PID 4001): EPERM for ${sent.join(', ')}${arch === 'arm64' ? ' (arm64 has no mkdir)' : ''}`);
    expect(result.output[1]).toBe(' 0: ld  [arch]');
  });

  it('refuses an empty list and a syscall no table knows', () => {
    expect(loadSeccomp.params.safeParse({ deny: [] }).success).toBe(false);
    expect(loadSeccomp.params.safeParse({ deny: ['reboot'] }).success).toBe(false);
  });
});
