import { hintShown, initialTasks, openAfterStep, rewindTasks, taskChecked, taskSkipped } from './tasks.js';
export function isTaskEvent(event) {
    return event.type.startsWith('task');
}
export function pendingRun() {
    return { status: 'pending', log: [], output: [], checks: [], ms: 0 };
}
/** Before the first step; `tasks` false hides the lesson's tasks (--mode present, a replay). */
export function initialState(lesson, tasks = true) {
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
export function reduce(state, event) {
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
        case 'task-checked':
            return { ...state, tasks: taskChecked(state.tasks, event.id, event.checks, event.at) };
        case 'task-hint': {
            const spec = state.lesson.steps.flatMap((s) => s.tasks).find((t) => t.id === event.id);
            return { ...state, tasks: hintShown(state.tasks, event.id, spec?.hints.length ?? 0) };
        }
        case 'task-skipped':
            return { ...state, tasks: taskSkipped(state.tasks, event.id) };
    }
}
