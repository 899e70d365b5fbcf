// The watcher reads only open tasks' checks, at its period, not while a step runs, and goes on after a failed read.
import { describe, expect, it, vi, afterEach } from 'vitest';
import { TaskWatcher } from '../../../src/lesson/taskWatcher.js';
import { initialState, reduce, type TaskEvent } from '../../../src/lesson/reducer.js';
import type { CheckResult, CheckSpec, Lesson, SessionState, StepSpec, TaskSpec } from '../../../src/types.js';

afterEach(() => vi.useRealTimers());

const spec = (id: string, kind: string): TaskSpec => ({ id, title: id, text: 't', use: ['host'], hints: [], checks: [{ kind, params: {}, line: 1 }], line: 1 });
const step = (tasks: TaskSpec[]): StepSpec => ({ title: 's', slide: '', notes: '', action: { name: 'unshare', params: {} }, checks: [], tasks, line: 1 });
const lesson = { id: 'l', steps: [step([spec('a', 'check-a')]), step([spec('b', 'check-b')])] } as unknown as Lesson;

function setup(answer: (checks: CheckSpec[]) => Promise<CheckResult[]>) {
  let state: SessionState = reduce(initialState(lesson), { type: 'tasks-opened', step: 0, at: 0 });
  let busy = false;
  const reads: string[] = [];
  const watcher = new TaskWatcher({
    read: (checks) => {
      reads.push(checks.map((c) => c.kind).join());
      return answer(checks);
    },
    getState: () => state,
    dispatch: (e: TaskEvent) => (state = reduce(state, e)),
    paused: () => busy,
    periodMs: 500,
    now: () => 42,
  });
  return { watcher, reads, state: () => state, setBusy: (b: boolean) => (busy = b) };
}

describe('TaskWatcher', () => {
  it('reads the open tasks every period (never the waiting ones) and solves a task when all its checks hold', async () => {
    vi.useFakeTimers();
    let ok = false;
    const w = setup(async (checks) => checks.map((c) => ({ name: c.kind, ok, detail: ok ? 'yes' : 'no' })));
    w.watcher.start();
    await vi.advanceTimersByTimeAsync(499);
    expect(w.reads).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(w.reads).toEqual(['check-a']);
    expect(w.state().tasks[0].status).toBe('open');
    ok = true;
    await vi.advanceTimersByTimeAsync(500);
    expect(w.state().tasks[0]).toMatchObject({ status: 'solved', solvedAt: 42 });
    // solved: no more reads
    await vi.advanceTimersByTimeAsync(2000);
    expect(w.reads).toEqual(['check-a', 'check-a']);
    w.watcher.stop();
  });

  it('skips rounds while a step runs, and goes on after a read that failed', async () => {
    vi.useFakeTimers();
    let calls = 0;
    const w = setup(async () => {
      calls++;
      if (calls === 1) throw new Error('helper busy');
      return [{ name: 'check-a', ok: false, detail: 'no' }];
    });
    w.setBusy(true);
    w.watcher.start();
    await vi.advanceTimersByTimeAsync(1500);
    expect(w.reads).toEqual([]);
    w.setBusy(false);
    await vi.advanceTimersByTimeAsync(500);
    expect(w.reads).toEqual(['check-a']);
    expect(w.state().tasks[0].checks).toEqual([]);
    await vi.advanceTimersByTimeAsync(500);
    expect(w.state().tasks[0].checks).toEqual([{ name: 'check-a', ok: false, detail: 'no' }]);
    w.watcher.stop();
    await vi.advanceTimersByTimeAsync(2000);
    expect(w.reads).toHaveLength(2);
  });

  it('waits twice as long after each round that read the same again, up to its longest wait; a change brings it back', async () => {
    vi.useFakeTimers();
    let detail = 'no';
    const w = setup(async () => [{ name: 'check-a', ok: false, detail }]);
    w.watcher.start();
    const readsAt = async (ms: number) => {
      await vi.advanceTimersByTimeAsync(ms);
      return w.reads.length;
    };
    expect(await readsAt(500)).toBe(1); // a first reading is a change: 500 ms again
    expect(await readsAt(500)).toBe(2); // the same: 1000 ms next
    expect(await readsAt(999)).toBe(2);
    expect(await readsAt(1)).toBe(3); // the same: 2000 ms next, the longest
    expect(await readsAt(2000)).toBe(4);
    expect(await readsAt(2000)).toBe(5);
    detail = 'something else'; // the learner did something
    expect(await readsAt(2000)).toBe(6);
    expect(await readsAt(500)).toBe(7);
    expect(w.state().tasks[0].checks[0].detail).toBe('something else');
    await w.watcher.checkNow(); // a step ran: the next round at the base period
    expect(await readsAt(500)).toBe(9);
    w.watcher.stop();
  });
});
