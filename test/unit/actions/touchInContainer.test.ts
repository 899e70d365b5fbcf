// touch-in-container: open(O_CREAT|O_APPEND) of /proc/<pid>/root/<path>, then waiting for the container to exit.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, rmSync } from 'node:fs';
import { touchInContainer } from '../../../src/actions/touchInContainer.js';
import { chain } from '../../../src/actions/chainState.js';
import { chainLab } from '../../support/fakeChain.js';
import { addProcess } from '../../support/fakeProc.js';

// The "container" is this test process: its /proc/<pid>/root is the host's /, so the file lands in /tmp.
const pid = process.pid;
const path = `/tmp/cl-touch-${pid}`;
afterEach(() => rmSync(path, { force: true }));

describe('touch-in-container', () => {
  it('creates the file through /proc/<pid>/root and sees the container exit once it is there', async () => {
    const { ctx } = chainLab();
    chain(ctx).container = { id: 'x', name: 'x', pid };
    addProcess(ctx.sys, { pid, ppid: 1, comm: 'sh' });
    // the fake /proc: the process runs until the file exists, then is a zombie
    const readFile = ctx.sys.readFile.bind(ctx.sys);
    ctx.sys.readFile = (p: string) => (p === `/proc/${pid}/stat` && existsSync(path) ? `${pid} (sh) Z 1 0 0` : readFile(p));
    const result = await touchInContainer.run(ctx, { path });
    expect(existsSync(path)).toBe(true);
    expect(result.log.map((e) => [e.call, ...e.args])).toEqual([
      ['openat', 'AT_FDCWD', JSON.stringify(`/proc/${pid}/root${path}`), 'O_WRONLY|O_CREAT|O_APPEND', '0644'],
      ['close', result.log[0].ret],
    ]);
    expect(result.output[1]).toMatch(new RegExp(`^PID ${pid} exited \\d+ ms later$`));
  });

  it('fails with the errno when the parent directory is missing, and without a running container', async () => {
    const { ctx } = chainLab();
    chain(ctx).container = { id: 'x', name: 'x', pid };
    addProcess(ctx.sys, { pid, ppid: 1, comm: 'sh' });
    await expect(touchInContainer.run(ctx, { path: '/no-such-dir-here/x' })).rejects.toThrow(/could not create \/no-such-dir-here\/x in the container: ENOENT/);
    expect(ctx.sys.drain().map((e) => [e.call, e.errno])).toEqual([['openat', 'ENOENT']]);
    addProcess(ctx.sys, { pid, ppid: 1, comm: 'sh', state: 'Z' });
    await expect(touchInContainer.run(ctx, { path })).rejects.toThrow(/no container process is running/);
  });
});
