// The lesson's step state machine as a pure reducer: events in, the next SessionState out.
import type { CgroupFile, ChainView, CheckResult, Lesson, ProcessInfo, SessionState, Snapshot, StepRun } from '../types.js';
import { hintShown, initialTasks, openAfterStep, rewindTasks, taskChecked, taskSkipped } from './tasks.js';

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
  | { type: 'shell'; open: boolean }
  | TaskEvent;

/** What happens to a task: its step ran (at: ms since the epoch), its checks were read, a hint, a skip. */
export type TaskEvent =
  | { type: 'tasks-opened'; step: number; at: number }
  | { type: 'task-checked'; id: string; checks: CheckResult[]; at: number }
  | { type: 'task-hint'; id: string }
  | { type: 'task-skipped'; id: string };

export function isTaskEvent(event: SessionEvent): event is TaskEvent {
  return event.type.startsWith('task');
}

export function pendingRun(): StepRun {
  return { status: 'pending', log: [], output: [], checks: [], ms: 0 };
}

/** Before the first step; `tasks` false hides the lesson's tasks (--mode present, a replay). */
export function initialState(lesson: Lesson, tasks = true): SessionState {
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
    tasks: initialTasks(lesson, tasks),
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
      return { ...state, steps, cursor: event.cursor, notice: null, tasks: rewindTasks(state.tasks, event.cursor) };
    }
    case 'error':
      return { ...state, error: event.message, busy: false, activity: null };
    case 'notice':
      return { ...state, notice: event.message };
    case 'shell':
      return { ...state, inShell: event.open, notice: null };
    case 'tasks-opened':
      return { ...state, tasks: openAfterStep(state.tasks, event.step, event.at) };
    case 'task-checked': {
      // the same reading as the last one leaves the state as it was: the screen is not drawn again
      const tasks = taskChecked(state.tasks, event.id, event.checks, event.at);
      return tasks === state.tasks ? state : { ...state, tasks };
    }
    case 'task-hint': {
      const spec = state.lesson.steps.flatMap((s) => s.tasks).find((t) => t.id === event.id);
      return { ...state, tasks: hintShown(state.tasks, event.id, spec?.hints.length ?? 0) };
    }
    case 'task-skipped':
      return { ...state, tasks: taskSkipped(state.tasks, event.id) };
  }
}
