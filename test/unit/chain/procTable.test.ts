// Merging the process watcher's lines per PID: fork, execs, renames, exit, PID reuse, since(t0).
import { describe, expect, it } from 'vitest';
import { ProcessTable, type WatchLine } from '../../../src/chain/procTable.js';

type Ev = Extract<WatchLine, { pid: number }>;
const line = (event: Ev['event'], t: number, pid: number, rest: Partial<Ev> = {}): Ev =>
  ({ event, t, pid, ppid: 1, comm: '', cmdline: '', ...rest }) as Ev;

describe('ProcessTable', () => {
  it('merges fork, every exec, renames and exit of one PID, preferring the kernel time kt', () => {
    const table = new ProcessTable();
    table.apply(line('fork', 10.5, 50, { kt: 10, ppid: 40, comm: 'runc', cmdline: 'runc create' }));
    table.apply(line('exec', 12.5, 50, { kt: 12, ppid: 40, comm: 'runc', cmdline: 'runc init' }));
    table.apply(line('comm', 13.5, 50, { kt: 13, comm: 'runc:[2:INIT]' }));
    table.apply(line('exec', 20.5, 50, { kt: 20, ppid: 40, comm: 'nginx', cmdline: 'nginx -g daemon off;' }));
    table.apply(line('exit', 30.5, 50, { kt: 30, ppid: 40, comm: 'nginx', exitCode: 0 }));
    expect(table.list()).toEqual([{
      pid: 50, ppid: 40, comm: 'nginx', cmdline: 'nginx -g daemon off;', firstSeen: 10, execAt: 12, exitAt: 30, exitCode: 0,
      execs: [{ t: 12, comm: 'runc', cmdline: 'runc init' }, { t: 20, comm: 'nginx', cmdline: 'nginx -g daemon off;' }],
      renames: [{ t: 13, comm: 'runc:[2:INIT]' }],
    }]);
  });

  it('starts a new record when an exited PID comes back', () => {
    const table = new ProcessTable();
    table.apply(line('fork', 1, 7, { comm: 'a' }));
    table.apply(line('exit', 2, 7, { signal: 9 }));
    table.apply(line('fork', 3, 7, { comm: 'b' }));
    expect(table.list().map((p) => [p.comm, p.firstSeen, p.signal])).toEqual([['a', 1, 9], ['b', 3, undefined]]);
    expect(table.get(7)?.comm).toBe('b');
  });

  it('since(t0): what appeared or exec\'d from t0 on, not what merely exited or was renamed then', () => {
    const table = new ProcessTable();
    table.apply(line('exec', 5, 1, { comm: 'old' }));
    table.apply(line('exec', 15, 2, { comm: 'new' }));
    table.apply(line('exit', 16, 3, { comm: 'gone' }));
    table.apply(line('comm', 17, 4, { comm: 'renamed' }));
    table.apply(line('exec', 18, 1, { comm: 'old2' }));
    expect(table.since(10).map((p) => p.pid)).toEqual([1, 2]);
    expect(table.list().find((p) => p.pid === 3)?.startUnknown).toBe(true);
  });

  it('counts overflows, ignores ready and error lines, and keeps at most `limit` records', () => {
    const table = new ProcessTable(2);
    table.apply({ event: 'ready', mode: 'connector' });
    table.apply({ event: 'overflow', t: 1 });
    table.apply({ event: 'error', why: 'x' });
    for (const pid of [1, 2, 3]) table.apply(line('fork', pid, pid));
    expect(table.overflows).toBe(1);
    expect(table.list().map((p) => p.pid)).toEqual([2, 3]);
    expect(table.get(1)).toBeUndefined();
  });
});
