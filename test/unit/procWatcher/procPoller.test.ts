// The /proc polling fallback on a fake /proc tree, and the cmdline reader it shares with the watcher (stat: test/unit/observe/parse/stat.test.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProcPoller } from '../../../src/procWatcher/procPoller.js';
import { CMDLINE_MAX, formatCmdline, readProcInfo } from '../../../src/procWatcher/procInfo.js';

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

function fakeProc(): { root: string; add: (pid: number, comm: string, ppid: number, argv: string[]) => void; remove: (pid: number) => void } {
  const root = mkdtempSync(join(tmpdir(), 'procpoller-'));
  roots.push(root);
  mkdirSync(join(root, 'self'));
  return {
    root,
    add(pid, comm, ppid, argv) {
      mkdirSync(join(root, String(pid)), { recursive: true });
      writeFileSync(join(root, String(pid), 'stat'), `${pid} (${comm}) S ${ppid} ${pid} ${pid} 0 -1 4194560`);
      writeFileSync(join(root, String(pid), 'cmdline'), argv.map((a) => a + '\0').join(''));
    },
    remove(pid) {
      rmSync(join(root, String(pid)), { recursive: true });
    },
  };
}

describe('formatCmdline / readProcInfo', () => {
  it('joins argv with spaces and cuts at CMDLINE_MAX characters (room for runc\'s subcommand after its long paths)', () => {
    expect(formatCmdline(Buffer.from('runc\0--root\0/run/x\0'))).toBe('runc --root /run/x');
    expect(formatCmdline('x'.repeat(1300) + '\0')).toHaveLength(CMDLINE_MAX);
    expect(CMDLINE_MAX).toBeGreaterThanOrEqual(400);
    expect(formatCmdline('')).toBe('');
  });

  it('says null for a PID that is gone', () => {
    const proc = fakeProc();
    proc.add(5, 'sh', 1, ['sh', '-c', 'true']);
    expect(readProcInfo(5, proc.root)).toEqual({ ppid: 1, comm: 'sh', cmdline: 'sh -c true' });
    expect(readProcInfo(6, proc.root)).toBeNull();
  });
});

describe('ProcPoller', () => {
  it('reports new PIDs as exec, a young PID\'s new command line as exec, a rename as comm, gone PIDs as exit', () => {
    const proc = fakeProc();
    let now = 1000;
    proc.add(1, 'init', 0, ['/sbin/init']);
    const poller = new ProcPoller(proc.root, () => now);
    poller.baseline();
    expect(poller.tick()).toEqual([]);

    now = 1002;
    proc.add(20, 'sh', 1, ['sh', '-c', 'sleep 1']);
    expect(poller.tick()).toEqual([{ event: 'exec', t: 1002, pid: 20, ppid: 1, comm: 'sh', cmdline: 'sh -c sleep 1' }]);

    now = 1004;
    proc.add(20, 'sleep', 1, ['sleep', '1']);
    proc.add(21, 'runc:[1:CHILD]', 20, ['runc', 'init']);
    const second = poller.tick();
    expect(second).toContainEqual({ event: 'exec', t: 1004, pid: 20, ppid: 1, comm: 'sleep', cmdline: 'sleep 1' });
    expect(second).toContainEqual({ event: 'exec', t: 1004, pid: 21, ppid: 20, comm: 'runc:[1:CHILD]', cmdline: 'runc init' });

    now = 1006;
    proc.add(21, 'runc:[2:INIT]', 20, ['runc', 'init']);
    proc.remove(20);
    expect(poller.tick()).toEqual([
      { event: 'comm', t: 1006, pid: 21, ppid: 20, comm: 'runc:[2:INIT]', cmdline: 'runc init' },
      { event: 'exit', t: 1006, pid: 20, ppid: 1, comm: 'sleep', cmdline: '' },
    ]);
  });
});
