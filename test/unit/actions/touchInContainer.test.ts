// touch-in-container: O_CREAT|O_APPEND of <path> resolved inside /proc/<pid>/root, then waiting for the container to exit.
import { describe, expect, it } from 'vitest';
import { touchInContainer } from '../../../src/actions/touchInContainer.js';
import { chain } from '../../../src/actions/chainState.js';
import { chainLab } from '../../support/fakeChain.js';
import { addProcess } from '../../support/fakeProc.js';

const pid = 4321;
const ROOT = `/proc/${pid}/root`;

/** A container whose first process runs until `stop` (a host path under its root) exists, then is a zombie. */
function container(stop = `${ROOT}/tmp/stop`) {
  const { ctx } = chainLab();
  chain(ctx).container = { id: 'x', name: 'x', pid };
  addProcess(ctx.sys, { pid, ppid: 1, comm: 'sh' });
  ctx.sys.dirs.add(`${ROOT}/tmp`);
  const readFile = ctx.sys.readFile.bind(ctx.sys);
  ctx.sys.readFile = (p: string) => (p === `/proc/${pid}/stat` && ctx.sys.files.has(stop) ? `${pid} (sh) Z 1 0 0` : readFile(p));
  return ctx;
}

describe('touch-in-container', () => {
  it('creates the file inside /proc/<pid>/root and sees the container exit once it is there', async () => {
    const ctx = container();
    const result = await touchInContainer.run(ctx, { path: '/tmp/stop' });
    expect(ctx.sys.calls.filter((c) => c.via === 'inRoot')).toEqual([{ via: 'inRoot', root: ROOT, call: 'writeFile', path: '/tmp/stop', data: '', append: true, mode: 0o644 }]);
    expect(result.log.map((e) => e.call)).toEqual(['openat2']);
    expect(result.output[0]).toBe(`created /tmp/stop in the container (resolved inside ${ROOT} with openat2 RESOLVE_IN_ROOT)`);
    expect(result.output[1]).toMatch(new RegExp(`^PID ${pid} exited \\d+ ms later$`));
  });

  it('follows a planted absolute link inside the container\'s root, and says so; the host path is never made', async () => {
    const ctx = container(`${ROOT}/etc/x`);
    ctx.sys.dirs.add(`${ROOT}/etc`);
    ctx.sys.links.set(`${ROOT}/tmp/stop`, '/etc/x');
    const result = await touchInContainer.run(ctx, { path: '/tmp/stop' });
    expect(ctx.sys.files.has(`${ROOT}/etc/x`)).toBe(true);
    expect(ctx.sys.files.has('/etc/x')).toBe(false);
    expect(result.output.slice(0, 2)).toEqual([
      `opened or created, through the symlink, /tmp/stop in the container (resolved inside ${ROOT} with openat2 RESOLVE_IN_ROOT)`,
      '/tmp/stop is a symlink to /etc/x in the container: followed inside the container\'s root, so it leads to the container\'s /etc/x, never the host\'s',
    ]);
  });

  it('fails with the errno and a hint when the parent directory is missing, and without a running container', async () => {
    const ctx = container();
    await expect(touchInContainer.run(ctx, { path: '/no-such-dir-here/x' })).rejects.toThrow(/could not create \/no-such-dir-here\/x in the container: ENOENT/);
    ctx.sys.links.set(`${ROOT}/tmp/loop`, '/proc/self/root/etc/x');
    await expect(touchInContainer.run(ctx, { path: '/tmp/loop' })).rejects.toMatchObject({ hint: expect.stringMatching(/magic link/) });
    addProcess(ctx.sys, { pid, ppid: 1, comm: 'sh', state: 'Z' });
    await expect(touchInContainer.run(ctx, { path: '/tmp/stop' })).rejects.toThrow(/no container process is running/);
  });
});
