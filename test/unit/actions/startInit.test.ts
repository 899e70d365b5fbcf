// start-init: the container process spawns init.js (PID 1 once a PID namespace is new); the helper waits for its exec.
import { describe, expect, it, vi } from 'vitest';
import { startInit } from '../../../src/actions/startInit.js';
import { fakeLab } from '../../support/fakeLab.js';
import { RecordingSys } from '../../support/recordingSys.js';
import { programs } from '../../../src/sys/paths.js';

const execed = () => new RecordingSys({ files: { '/proc/5000/cmdline': 'container-lab-init\0infinity\0' } });

describe('start-init', () => {
  it('spawns init.js detached with a socket on fd 3, and waits until it has exec\'d sleep', async () => {
    const ctx = fakeLab({ sys: execed() });
    const result = await startInit.run(ctx, {});
    const args = [String(process.pid), 'sleep', 'container-lab-init', 'infinity'];
    expect(ctx.sys.calls).toEqual([{ via: 'start', argv: [process.execPath, programs.init, ...args], parentPipe: true, detached: true }]);
    expect(ctx.initPid).toBe(5000);
    expect(result.output).toEqual(['PID 1 started: host PID 5000']);
    expect(result.log.map((e) => e.ret)).toEqual(['5000']);
  });

  it('knows when PID 1 exits, and refuses a second one while it runs', async () => {
    const ctx = fakeLab({ sys: execed() });
    await startInit.run(ctx, {});
    expect(ctx.builder.state).toMatchObject({ initPid: 5000, initAlive: true });
    await expect(startInit.run(ctx, {})).rejects.toThrow('PID 1 is already running (host PID 5000)');
    ctx.sys.exit(5000);
    expect(ctx.builder.state.initAlive).toBe(false);
  });

  it('fails when PID 1 never execs', async () => {
    vi.useFakeTimers();
    try {
      const failed = expect(startInit.run(fakeLab(), {})).rejects.toThrow(/waiting for PID 1 \(host PID 5000\) to exec/);
      await vi.advanceTimersByTimeAsync(5100);
      await failed;
    } finally {
      vi.useRealTimers();
    }
  });
});
