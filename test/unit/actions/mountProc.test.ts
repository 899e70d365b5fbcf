// mount-proc: a child of the container process (inside its PID namespace) mounts proc; its log joins the step's.
import { describe, expect, it } from 'vitest';
import { mountProc } from '../../../src/actions/mountProc.js';
import { fakeLab } from '../../support/fakeLab.js';
import { programs } from '../../../src/sys/paths.js';

const childMount = { t: 1, call: 'mount', args: ['"proc"', '"/proc"', '"proc"', 'MS_NOSUID|MS_NODEV|MS_NOEXEC', 'NULL'], ret: '0', pid: 4242 };

function lab(stdout: string) {
  const ctx = fakeLab();
  ctx.sys.answer([process.execPath, programs.mountProc], { stdout });
  ctx.builder.state.mntUnshared = true;
  ctx.builder.state.pidUnshared = true;
  ctx.builder.state.initAlive = true;
  return ctx;
}

describe('mount-proc', () => {
  it('runs mountProc.js and shows its mount(2) after the run, with the child\'s PID', async () => {
    const ctx = lab(`${JSON.stringify({ ok: true, pid: 4242, log: [childMount] })}\n`);
    const result = await mountProc.run(ctx, {});
    expect(ctx.sys.calls).toEqual([{ via: 'program', argv: [process.execPath, programs.mountProc] }]);
    expect(result.log.map((e) => e.call)).toEqual([process.execPath, 'mount']);
    expect(result.log[1]).toEqual(childMount);
  });

  it('fails with the child\'s error, or its stderr when it printed nothing', async () => {
    await expect(mountProc.run(lab(JSON.stringify({ ok: false, error: 'mount: EPERM', log: [] })), {})).rejects.toThrow('mount: EPERM');
    await expect(mountProc.run(lab(''), {})).rejects.toThrow(/mounting \/proc failed/);
  });

  it('refuses before PID 1 runs in a new PID namespace', async () => {
    const ctx = lab('');
    ctx.builder.state.initAlive = false;
    await expect(mountProc.run(ctx, {})).rejects.toThrow('the new PID namespace has no PID 1');
    expect(ctx.sys.calls).toEqual([]);
  });
});
