/** the tasks solved and the hints shown so far in a session */
function taskRecord(tasks) {
    const tasksSolved = {};
    const hintsUsed = {};
    for (const t of tasks) {
        if (t.status === 'solved' && t.solvedAt !== null)
            tasksSolved[t.id] = new Date(t.solvedAt).toISOString();
        if (t.hintsShown > 0)
            hintsUsed[t.id] = t.hintsShown;
    }
    return { tasksSolved, hintsUsed };
}
export class ProgressTracker {
    o;
    session = null;
    unsubscribe = null;
    top = 0;
    /** the session's tasks solved and hints shown, as last noted (JSON: compared to see a change) */
    tasks = '';
    dirty = false;
    lastWrite = -Infinity;
    timer = null;
    failed = false;
    intervalMs;
    now;
    known;
    /** tasks solved per lesson, before this app and in it: the menu counts them */
    solved = new Map();
    constructor(o) {
        this.o = o;
        this.intervalMs = o.intervalMs ?? 1000;
        this.now = o.now ?? (() => new Date());
        for (const [id, r] of Object.entries(o.initial ?? {}))
            this.solved.set(id, new Set(Object.keys(r.tasksSolved)));
        this.known = new Map(Object.entries(o.initial ?? {}).map(([id, r]) => [id, { stepsReached: r.stepsReached, last: r.last, tasksSolved: Object.keys(r.tasksSolved).length }]));
    }
    /** how far the learner got in each lesson: the file at start and what this app saw since (a new map after each change) */
    reached() {
        return this.known;
    }
    /** the lesson on screen now (null: the menu); a replay is not progress and is not followed */
    follow(session) {
        if (session === this.session)
            return;
        this.flush();
        this.unsubscribe?.();
        this.unsubscribe = null;
        this.session = session && !session.replay ? session : null;
        if (!this.session)
            return;
        this.top = this.session.getState().cursor;
        this.tasks = JSON.stringify(taskRecord(this.session.getState().tasks));
        this.note();
        this.unsubscribe = this.session.subscribe(this.changed);
        this.dirty = true; // opened: written at once
        this.schedule();
    }
    /** the app closes: the last change is written now */
    close() {
        this.follow(null);
    }
    changed = () => {
        const state = this.session?.getState();
        if (!state)
            return;
        const tasks = JSON.stringify(taskRecord(state.tasks));
        if (state.cursor <= this.top && tasks === this.tasks)
            return;
        this.top = Math.max(this.top, state.cursor);
        this.tasks = tasks;
        this.note();
        this.dirty = true;
        this.schedule();
    };
    /** the menu's view moves at once (the file follows within a second): it draws before the last write */
    note() {
        const state = this.session?.getState();
        if (!state)
            return;
        const id = state.lesson.id;
        const solved = this.solved.get(id) ?? new Set();
        for (const t of state.tasks)
            if (t.status === 'solved')
                solved.add(t.id);
        this.solved.set(id, solved);
        const stepsReached = Math.max(this.top, this.known.get(id)?.stepsReached ?? 0);
        this.known = new Map(this.known).set(id, { stepsReached, last: this.now().toISOString(), tasksSolved: solved.size });
    }
    schedule() {
        if (this.timer)
            return;
        const wait = this.lastWrite + this.intervalMs - Date.now();
        if (wait <= 0)
            this.flush();
        else
            this.timer = setTimeout(() => this.flush(), wait);
    }
    flush() {
        if (this.timer)
            clearTimeout(this.timer);
        this.timer = null;
        if (!this.dirty || !this.session)
            return;
        this.dirty = false;
        this.lastWrite = Date.now();
        const state = this.session.getState();
        const { lesson } = state;
        try {
            const seen = { at: this.now().toISOString(), stepsReached: this.top, steps: lesson.steps.length, ...taskRecord(state.tasks) };
            const message = this.o.record(lesson.id, seen);
            if (message)
                this.o.onMessage(message);
        }
        catch (error) {
            // said once: a disk that refuses one write refuses the next
            if (!this.failed)
                this.o.onMessage(`container-lab: progress is not saved: ${error.message}`);
            this.failed = true;
        }
    }
}
