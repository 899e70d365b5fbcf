// show-stdio: the container's fds 0-2 paired with its shim's pipe ends, and the shim's FIFOs with dockerd's fds, all from /proc.
import { describe, expect, it } from 'vitest';
import { showStdio } from '../../../src/actions/showStdio.js';
import { chain } from '../../../src/actions/chainState.js';
import { DOCKERD_PID, chainLab } from '../../support/fakeChain.js';
import { addFds, addProcess } from '../../support/fakeProc.js';

// Captured on Debian 12 (containerd 1.6.20, dockerd 20.10.24): a `docker run -d -i` container, its shim, dockerd's FIFO ends.
function world() {
  const { ctx, d } = chainLab();
  const fifo = (s: string) => `${d.layout.dockerExecRoot}/containerd/d299bce2daf89e52f36676a818a55b39d0e01302e219fa4fc933fe836ec411df/init-${s}`;
  addProcess(ctx.sys, { pid: 6521, ppid: 6500, comm: 'sh' });
  addProcess(ctx.sys, { pid: 6500, ppid: 1, comm: 'containerd-shim' });
  addFds(ctx.sys, 6521, { 0: ['pipe:[1198673]', '00'], 1: ['pipe:[1198674]', '01'], 2: ['pipe:[1198675]', '01'] });
  addFds(ctx.sys, 6500, {
    0: ['/dev/null', '0100000'],
    14: ['pipe:[1198673]', '02004001'],
    15: ['pipe:[1198674]', '02004000'],
    17: ['pipe:[1198675]', '02004000'],
    19: [fifo('stdout'), '02104001'],
    21: [fifo('stdin'), '02104000'],
  });
  addFds(ctx.sys, DOCKERD_PID, { 28: [fifo('stdout'), '02104000'], 30: [fifo('stdin'), '02104001'] });
  chain(ctx).container = { id: 'd299bce2daf8', name: 'cl-shim', pid: 6521 };
  return ctx;
}

describe('show-stdio', () => {
  it('follows each stream: container fd → shim fd → dockerd fd, logged as the readlinks it made', async () => {
    const ctx = world();
    const result = await showStdio.run(ctx, {});
    expect(result.output).toEqual([
      'PID 6521 (sh, PID 1 inside)   its parent: 6500 containerd-shim',
      'fd 0  pipe:[1198673]   reads   ← shim fd 14 writes',
      'fd 1  pipe:[1198674]   writes  → shim fd 15 reads',
      'fd 2  pipe:[1198675]   writes  → shim fd 17 reads',
      'shim ↔ dockerd: FIFOs in <exec-root>/containerd/d299bce2daf8…/',
      'init-stdin   dockerd fd 30 writes → shim fd 21 reads',
      'init-stdout  shim fd 19 writes → dockerd fd 28 reads',
    ]);
    expect(result.log.map((e) => e.call)).toEqual(['readlink', 'readlink', 'readlink', 'getdents64']);
    expect(chain(ctx).view.blocks?.[0].title).toBe('stdio: container → shim → dockerd');
  });

  it('refuses when the container\'s parent is not a shim, or there is no container', async () => {
    const ctx = world();
    addProcess(ctx.sys, { pid: 6500, ppid: 1, comm: 'bash' });
    await expect(showStdio.run(ctx, {})).rejects.toThrow(/PID 6521's parent is 6500 \(bash\), not a shim/);
    chain(ctx).container = undefined;
    await expect(showStdio.run(ctx, {})).rejects.toThrow(/no container process is running/);
  });
});
