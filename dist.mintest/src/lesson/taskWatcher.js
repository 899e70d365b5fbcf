import { openTasks } from './tasks.js';
export class TaskWatcher {
    o;
    timer = null;
    round = null;
    stopped = false;
    periodMs;
    now;
    constructor(o) {
        this.o = o;
        this.periodMs = o.periodMs ?? 500;
        this.now = o.now ?? Date.now;
    }
    start() {
        this.stopped = false;
        this.arm();
    }
    stop() {
        this.stopped = true;
        if (this.timer)
            clearTimeout(this.timer);
        this.timer = null;
    }
    /** One round now (after a step opened tasks): resolves when its readings are in. */
    async checkNow() {
        while (this.round)
            await this.round;
        const round = this.readOpen();
        this.round = round;
        try {
            await round;
        }
        finally {
            this.round = null;
        }
    }
    arm() {
        if (this.stopped)
            return;
        const timer = setTimeout(() => {
            const go = this.o.paused() || this.round ? Promise.resolve() : this.checkNow();
            void go.finally(() => {
                if (this.timer === timer)
                    this.arm();
            });
        }, this.periodMs);
        timer.unref();
        this.timer = timer;
    }
    async readOpen() {
        const state = this.o.getState();
        const specs = new Map(state.lesson.steps.flatMap((s) => s.tasks).map((t) => [t.id, t]));
        for (const task of openTasks(state.tasks)) {
            const spec = specs.get(task.id);
            if (!spec || this.stopped || this.o.paused())
                return;
            let checks;
            try {
                checks = await this.o.read(spec.checks);
            }
            catch (error) {
                // the helper is gone or busy with a rebuild: this round ends, the next one tries again
                void error;
                return;
            }
            // a step that ran meanwhile may have rewound the task: the reducer keeps only an open task's reading
            this.o.dispatch({ type: 'task-checked', id: task.id, checks, at: this.now() });
        }
    }
}
