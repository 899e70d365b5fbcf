// escape-root: one escape request to the chroot or the pivot process, which must have been started.
import { describe, expect, it } from 'vitest';
import { escapeRoot } from '../../../src/actions/escapeRoot.js';
import { startRootProcess } from '../../../src/actions/rootProcess.js';
import { rootChangerLab, ROLE_PIDS } from '../../support/rootChanger.js';

describe('escape-root', () => {
  it('before the chroot step: says which step comes first, asks nobody', async () => {
    const ctx = rootChangerLab();
    await expect(escapeRoot.run(ctx, { process: 'chroot', dir: 'x' })).rejects.toMatchObject({ message: 'no chroot process yet', hint: "run the lesson's chroot step first" });
    expect(ctx.builder.requests).toEqual([]);
  });

  it('sends the escape with its directory to the named process', async () => {
    const ctx = rootChangerLab({ escape: { output: ['chdir("..") 5 times, until ".." was "." itself', 'ls /: bin boot etc'] } });
    await startRootProcess(ctx, 'pivot');
    const result = await escapeRoot.run(ctx, { process: 'pivot', dir: 'y' });
    expect(ctx.builder.requests.at(-1)).toEqual({ method: 'rootProcessCall', params: { role: 'pivot', request: { op: 'escape', dir: 'y' } } });
    expect(result.output[0]).toBe(`pivot process (host PID ${ROLE_PIDS.pivot}) tried to escape:`);
    expect(result.stdout).toEqual(['chdir("..") 5 times, until ".." was "." itself', 'ls /: bin boot etc']);
    expect(result.log.map((e) => e.call)).toEqual(['escape']);
  });
});
