// runc: each op is one runc run through ctx.sys (create's output to a file), then runc state; the panels
// follow the init's host PID; the runc slot's teardown kills and deletes what create made.
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runc } from '../../../src/actions/runc.js';
import { runcSlot } from '../../../src/actions/runcUtil.js';
import { chain } from '../../../src/actions/chainState.js';
import { runcLayout } from '../../../src/chain/runcLayout.js';
import { removeCgroupDir } from '../../../src/cgroup/session.js';
import { fakeLab } from '../../support/fakeLab.js';
import { RecordingSys } from '../../support/recordingSys.js';

const reaper = vi.hoisted(() => ({ pid: 1, watch: vi.fn(), release: vi.fn(), close: vi.fn() }));
vi.mock('../../../native/findProgram.js', () => ({ whichProgram: () => '/usr/sbin/runc', findProgram: () => '/usr/sbin/runc' }));
vi.mock('../../../src/chain/reaperClient.js', () => ({ startReaper: () => reaper }));
vi.mock('../../../src/cgroup/session.js', async (original) => ({ ...(await original<object>()), removeCgroupDir: vi.fn(async () => true) }));

const dir = mkdtempSync(join(tmpdir(), 'container-lab-runc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const l = runcLayout(dir, 'test', 'cgroupfs');
const RUNC = '/usr/sbin/runc';
const INIT = 4321;
const fixture = JSON.parse(readFileSync(join(__dirname, '../../fixtures/chain/runc/state-created.json'), 'utf8'));
const stateJson = (status: string, pid: number) => JSON.stringify({ ...fixture, id: l.id, bundle: l.bundle, status, pid });
const notThere = { status: 1, stderr: `time="2026-11-26T08:34:02Z" level=error msg="container does not exist"\n` };

/** A host where the init waits on exec.fifo, child of PID 1 (systemd), and runc state answers `status`. */
function lab(status = 'created') {
  const sys = new RecordingSys({
    files: {
      [l.config]: '{}',
      [l.pidFile]: `${INIT}\n`,
      [`/proc/${INIT}/stat`]: `${INIT} (runc:[2:INIT]) S 1 ${INIT} ${INIT} 0 -1`,
      [`/proc/${INIT}/comm`]: 'runc:[2:INIT]\n',
      [`/proc/${INIT}/status`]: 'Name:\trunc:[2:INIT]\nPPid:\t1\n',
      [`/proc/${INIT}/wchan`]: 'wait_for_partner',
      '/proc/1/comm': 'systemd\n',
      '/proc/self/mountinfo': '25 1 0:22 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw\n',
    },
  });
  sys.answer([RUNC, '--root', l.root, 'state'], () => (status === 'gone' ? notThere : { stdout: stateJson(status, status === 'stopped' ? 0 : INIT) }));
  return fakeLab({ sys, session: { id: 'test', dir } });
}

const programs = (sys: RecordingSys) => sys.calls.filter((c) => c.via === 'program');

beforeEach(() => vi.clearAllMocks());

describe('runc create', () => {
  it('runs runc create with its output to the log file, follows the init, arms the cleanup once', async () => {
    const ctx = lab();
    ctx.sys.answer([RUNC, '--root', l.root, 'create'], { status: 0, pid: 99 });
    const result = await runc.run(ctx, { op: 'create' });
    expect(programs(ctx.sys)).toEqual([
      { via: 'program', argv: [RUNC, '--root', l.root, 'create', '--bundle', l.bundle, '--pid-file', l.pidFile, 'cl-test'], outputFile: l.log },
      { via: 'program', argv: [RUNC, '--root', l.root, 'state', 'cl-test'] },
    ]);
    expect(result.log.map((e) => e.args[2])).toEqual(['create', 'state']);
    expect(result.output).toContain(`the container's init: PID ${INIT} on the host, runc:[2:INIT]`);
    expect(result.output).toContain(`it waits to open ${l.root}/cl-test/exec.fifo (wchan: wait_for_partner)`);
    expect(result.output).toContain('runc state: created, pid 4321');
    expect(result.output.slice(-3)).toEqual(['PID 1 systemd', `└─ PID ${INIT} runc:[2:INIT]: the container's init`, 'runc has exited: no runc, no shim above it']);
    expect(chain(ctx).pids).toEqual([INIT]);
    expect(chain(ctx).focusPid).toBe(INIT);
    expect(readFileSync(join(dir, 'init.pid'), 'utf8')).toBe(`${INIT}\n`);
    expect(chain(ctx).view.blocks?.map((b) => b.title)).toEqual(['runc state', "the init's parent"]);
    expect(chain(ctx).view.blocks?.[0].lines.slice(1, 3)).toEqual(['  "status": "created",', `  "pid": ${INIT},`]);
    expect(reaper.watch).toHaveBeenCalledExactlyOnceWith(dir, 'container-lab-test-runc');
    expect(ctx.slots.get(runcSlot)?.armed?.layout).toEqual(l);

    await runc.run(ctx, { op: 'create' });
    expect(reaper.watch).toHaveBeenCalledTimes(1);
  });

  it('the slot\'s teardown kills and deletes the container, removes the cgroup parent, releases the reaper', async () => {
    const ctx = lab();
    ctx.sys.answer([RUNC, '--root', l.root, 'create'], { status: 0 });
    await runc.run(ctx, { op: 'create' });
    ctx.sys.calls.length = 0;
    ctx.sys.drain();
    expect(await ctx.slots.teardownAll()).toEqual([]);
    expect(programs(ctx.sys).map((c) => c.via === 'program' && c.argv.slice(3))).toEqual([['kill', 'cl-test', 'KILL'], ['delete', '--force', 'cl-test']]);
    expect(ctx.sys.drain()).toEqual([]);
    expect(removeCgroupDir).toHaveBeenCalledExactlyOnceWith('/sys/fs/cgroup/container-lab-test-runc');
    expect(reaper.release).toHaveBeenCalledExactlyOnceWith(dir);
  });

  it('fails in runc\'s own words, without its log line\'s time and level', async () => {
    const ctx = lab();
    ctx.sys.answer([RUNC, '--root', l.root, 'create'], { status: 1, stderr: 'time="2026-11-26T08:34:02Z" level=error msg="container with id exists: cl-test"\n' });
    await expect(runc.run(ctx, { op: 'create' })).rejects.toThrow('runc create failed (exit 1): container with id exists: cl-test');
  });

  it('wants the bundle first, and root', async () => {
    const ctx = lab();
    ctx.sys.files.delete(l.config);
    await expect(runc.run(ctx, { op: 'create' })).rejects.toThrow('there is no bundle yet');
    expect(ctx.sys.calls).toEqual([]);
    await expect(runc.run(fakeLab({ rootless: true }), { op: 'state' })).rejects.toThrow('runc alone needs root');
  });
});

describe('runc start, kill, delete', () => {
  it('start: the init exec\'s the bundle\'s program, same PID', async () => {
    const ctx = lab('running');
    ctx.sys.answer([RUNC, '--root', l.root, 'start'], { status: 0 });
    ctx.sys.files.set(`/proc/${INIT}/comm`, 'sleep\n');
    ctx.sys.files.set(`/proc/${INIT}/cmdline`, 'sleep\x003600\x00');
    ctx.sys.links.set(`/proc/${INIT}/exe`, '/bin/busybox');
    const result = await runc.run(ctx, { op: 'start' });
    expect(programs(ctx.sys).map((c) => c.via === 'program' && c.argv.slice(3))).toEqual([['start', 'cl-test'], ['state', 'cl-test']]);
    expect(result.output[0]).toBe(`PID ${INIT} exec'd: sleep 3600 (exe /bin/busybox in the container's root)`);
    expect(result.output).toContain('runc state: running, pid 4321');
  });

  it('kill KILL: the init ends; runc says stopped and the panels stop following its PID', async () => {
    const ctx = lab('stopped');
    chain(ctx).pids.push(INIT);
    ctx.sys.answer([RUNC, '--root', l.root, 'kill'], () => {
      ctx.sys.files.set(`/proc/${INIT}/stat`, `${INIT} (sleep) Z 1 ${INIT} ${INIT} 0 -1`);
      return { status: 0 };
    });
    const result = await runc.run(ctx, { op: 'kill', signal: 'KILL' });
    expect(programs(ctx.sys)[0]).toEqual({ via: 'program', argv: [RUNC, '--root', l.root, 'kill', 'cl-test', 'KILL'] });
    expect(result.output[0]).toMatch(new RegExp(`^PID ${INIT} ended \\d+ ms after SIGKILL$`));
    expect(result.output).toContain(`└─ PID ${INIT}: a zombie until systemd reaps it`);
    expect(chain(ctx).pids).toEqual([]);
    expect(chain(ctx).focusPid).toBeNull();
  });

  it('kill TERM (the default): PID 1 without a handler still runs half a second later', async () => {
    const ctx = lab('running');
    ctx.sys.answer([RUNC, '--root', l.root, 'kill'], { status: 0 });
    const result = await runc.run(ctx, { op: 'kill' });
    expect(programs(ctx.sys)[0]).toEqual({ via: 'program', argv: [RUNC, '--root', l.root, 'kill', 'cl-test', 'TERM'] });
    expect(result.output[0]).toMatch(/ms after SIGTERM, PID 4321 still runs: PID 1 of its namespace has no handler for it$/);
  });

  it('delete: runc state then says the container does not exist', async () => {
    const ctx = lab('gone');
    ctx.sys.answer([RUNC, '--root', l.root, 'delete'], { status: 0 });
    const result = await runc.run(ctx, { op: 'delete' });
    expect(programs(ctx.sys).map((c) => c.via === 'program' && c.argv.slice(3))).toEqual([['delete', 'cl-test'], ['state', 'cl-test']]);
    expect(result.output).toEqual([
      `runc removed ${l.root}/cl-test and the cgroup /container-lab-test-runc/cl-test`,
      'runc state: cl-test does not exist',
      'no container: runc deleted it',
    ]);
    expect(chain(ctx).view.blocks?.[0]).toEqual({ title: 'runc state', lines: ['$ runc state cl-test', 'container does not exist'] });
  });

  it('needs the bundle for create and the container for the rest', () => {
    expect(runc.needs).toEqual(['runc bundle if op=create', 'runc container if op!=create']);
    expect(runc.provides).toEqual(['runc container if op=create']);
    expect(runc.ends).toEqual(['runc container if op=delete']);
  });
});
