// The lesson's step state machine as a pure reducer: events in, the next SessionState out.
import type { CgroupFile, ChainView, Lesson, ProcessInfo, SessionState, Snapshot, StepRun } from '../types.js';

export type SessionEvent =
  | { type: 'step-started'; index: number }
  | { type: 'step-finished'; index: number; run: StepRun; advance: boolean }
  | { type: 'snapshot'; snapshot: Snapshot }
  | { type: 'cgroup-files'; files: CgroupFile[] }
  | { type: 'chain'; processes: ProcessInfo[]; view: ChainView }
  | { type: 'activity'; text: string | null; busy: boolean }
  | { type: 'rewound'; cursor: number }
  | { type: 'error'; message: string | null }
  | { type: 'notice'; message: string | null }
  | { type: 'shell'; open: boolean };

export function pendingRun(): StepRun {
  return { status: 'pending', log: [], output: [], checks: [], ms: 0 };
}

export function initialState(lesson: Lesson): SessionState {
  return {
    lesson,
    steps: lesson.steps.map(pendingRun),
    cursor: 0,
    busy: false,
    activity: null,
    snapshot: null,
    error: null,
    inShell: false,
    notice: null,
  };
}

export function reduce(state: SessionState, event: SessionEvent): SessionState {
  switch (event.type) {
    case 'step-started': {
      const steps = state.steps.slice();
      steps[event.index] = { ...pendingRun(), status: 'running' };
      return { ...state, steps, busy: true, error: null, notice: null };
    }
    case 'step-finished': {
      const steps = state.steps.slice();
      steps[event.index] = event.run;
      const cursor = event.advance ? Math.max(state.cursor, event.index + 1) : state.cursor;
      return { ...state, steps, cursor, busy: false };
    }
    case 'snapshot':
      return { ...state, snapshot: event.snapshot };
    case 'cgroup-files':
      // Read while a step runs: only the cgroup files are new, the rest is as last sampled.
      return state.snapshot ? { ...state, snapshot: { ...state.snapshot, cgroupFiles: event.files } } : state;
    case 'chain':
      // Read while a traced run is under way: the chain's processes and timeline so far.
      return state.snapshot ? { ...state, snapshot: { ...state.snapshot, processes: event.processes, chain: event.view } } : state;
    case 'activity':
      return { ...state, activity: event.text, busy: event.busy };
    case 'rewound': {
      // Steps at and after the new cursor are undone: they go back to pending.
      const steps = state.steps.map((run, i) => (i < event.cursor ? run : pendingRun()));
      return { ...state, steps, cursor: event.cursor, notice: null };
    }
    case 'error':
      return { ...state, error: event.message, busy: false, activity: null };
    case 'notice':
      return { ...state, notice: event.message };
    case 'shell':
      return { ...state, inShell: event.open, notice: null };
  }
}
