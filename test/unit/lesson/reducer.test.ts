// The step state machine: pure transitions from events to SessionState.
import { describe, expect, it } from 'vitest';
import { initialState, reduce, pendingRun } from '../../../src/lesson/reducer.js';
import type { Lesson, Snapshot, StepRun } from '../../../src/types.js';

const step = (title: string) => ({ title, slide: '', notes: '', action: { name: 'unshare', params: { namespaces: ['uts'] } }, checks: [], tasks: [], line: 1 });
const lesson: Lesson = { id: 't', title: 'T', summary: '', privilege: 'rootless', order: 1, intro: '', requires: [], hostDocker: false, steps: [step('a'), step('b'), step('c')], file: 't.md', source: { trusted: true, from: 'the package' }, hostEffects: [] };
const done: StepRun = { status: 'done', log: [], output: ['ok'], checks: [{ name: 'x', ok: true, detail: 'y' }], ms: 3 };
const snapshot = { takenAt: 1, cgroupFiles: [] } as unknown as Snapshot;

describe('reduce', () => {
  it('starts with every step pending and nothing applied', () => {
    const s = initialState(lesson);
    expect(s.cursor).toBe(0);
    expect(s.steps.map((r) => r.status)).toEqual(['pending', 'pending', 'pending']);
    expect(s.busy).toBe(false);
  });

  it('a step runs, finishes and moves the cursor; a failed action does not', () => {
    let s = reduce(initialState(lesson), { type: 'step-started', index: 0 });
    expect(s.busy).toBe(true);
    expect(s.steps[0].status).toBe('running');
    s = reduce(s, { type: 'step-finished', index: 0, run: done, advance: true });
    expect(s).toMatchObject({ busy: false, cursor: 1 });
    s = reduce(s, { type: 'step-finished', index: 1, run: { ...done, status: 'failed', error: 'EPERM' }, advance: false });
    expect(s.cursor).toBe(1);
    expect(s.steps[1].error).toBe('EPERM');
  });

  it('rewinding puts the steps from the new cursor back to pending', () => {
    let s = initialState(lesson);
    for (let i = 0; i < 3; i++) s = reduce(s, { type: 'step-finished', index: i, run: done, advance: true });
    s = reduce(s, { type: 'rewound', cursor: 1 });
    expect(s.cursor).toBe(1);
    expect(s.steps.map((r) => r.status)).toEqual(['done', 'pending', 'pending']);
    expect(s.steps[2]).toEqual(pendingRun());
  });

  it('cgroup files read during a step update the last snapshot, and only once there is one', () => {
    const files = [{ name: 'memory.max', meaning: 'memory limit', value: '33554432', dir: '/sys/fs/cgroup/x' }];
    expect(reduce(initialState(lesson), { type: 'cgroup-files', files }).snapshot).toBeNull();
    const s = reduce(reduce(initialState(lesson), { type: 'snapshot', snapshot }), { type: 'cgroup-files', files });
    expect(s.snapshot?.cgroupFiles).toEqual(files);
    expect(s.snapshot?.takenAt).toBe(1);
  });

  it('an error ends busy and activity; the shell flag follows the terminal hand-over', () => {
    let s = reduce(initialState(lesson), { type: 'activity', text: 'rebuilding', busy: true });
    s = reduce(s, { type: 'error', message: 'helper exited' });
    expect(s).toMatchObject({ busy: false, activity: null, error: 'helper exited' });
    expect(reduce(s, { type: 'shell', open: true }).inShell).toBe(true);
  });

  it('a notice is information: it leaves error and busy alone and goes at the next step, rewind or shell', () => {
    const noticed = reduce(initialState(lesson), { type: 'notice', message: 'No container yet' });
    expect(noticed).toMatchObject({ notice: 'No container yet', error: null, busy: false });
    expect(reduce(noticed, { type: 'step-started', index: 0 }).notice).toBeNull();
    expect(reduce(noticed, { type: 'rewound', cursor: 0 }).notice).toBeNull();
    expect(reduce(noticed, { type: 'shell', open: true }).notice).toBeNull();
  });
});
