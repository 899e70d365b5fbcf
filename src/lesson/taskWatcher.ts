// Reads the open tasks' checks again and again, at a low rate, while the learner works on them.
import type { CheckResult, CheckSpec, SessionState } from '../types.js';
import type { TaskEvent } from './reducer.js';
import { openTasks } from './tasks.js';

export interface TaskWatcherOptions {
  /** evaluates checks against the kernel (the helper's runChecks) */
  read: (checks: CheckSpec[]) => Promise<CheckResult[]>;
  getState: () => SessionState;
  dispatch: (event: TaskEvent) => void;
  /** a round is skipped while this holds (a step runs: its checks come first) */
  paused: () => boolean;
  /** between rounds (500 ms): a solution shows within about this long */
  periodMs?: number;
  now?: () => number;
}

export class TaskWatcher {
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<void> | null = null;
  private stopped = false;
  private readonly periodMs: number;
  private readonly now: () => number;

  constructor(private readonly o: TaskWatcherOptions) {
    this.periodMs = o.periodMs ?? 500;
    this.now = o.now ?? Date.now;
  }

  start(): void {
    this.stopped = false;
    this.arm();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** One round now (after a step opened tasks): resolves when its readings are in. */
  async checkNow(): Promise<void> {
    while (this.round) await this.round;
    const round = this.readOpen();
    this.round = round;
    try {
      await round;
    } finally {
      this.round = null;
    }
  }

  private arm(): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      const go = this.o.paused() || this.round ? Promise.resolve() : this.checkNow();
      void go.finally(() => {
        if (this.timer === timer) this.arm();
      });
    }, this.periodMs);
    timer.unref();
    this.timer = timer;
  }

  private async readOpen(): Promise<void> {
    const state = this.o.getState();
    const specs = new Map(state.lesson.steps.flatMap((s) => s.tasks).map((t) => [t.id, t]));
    for (const task of openTasks(state.tasks)) {
      const spec = specs.get(task.id);
      if (!spec || this.stopped || this.o.paused()) return;
      let checks: CheckResult[];
      try {
        checks = await this.o.read(spec.checks);
      } catch (error) {
        // the helper is gone or busy with a rebuild: this round ends, the next one tries again
        void error;
        return;
      }
      // a step that ran meanwhile may have rewound the task: the reducer keeps only an open task's reading
      this.o.dispatch({ type: 'task-checked', id: task.id, checks, at: this.now() });
    }
  }
}
