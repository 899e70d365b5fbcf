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
  /** between rounds (500 ms) while the readings change: a solution shows within about this long */
  periodMs?: number;
  /**
   * the longest time between rounds (2000 ms): while every reading is the same as the one before,
   * each round waits twice as long as the last, up to this. A check may start a program
   * (nsenter), and twice a second that was most of the lab's CPU while the learner read the task.
   */
  maxPeriodMs?: number;
  now?: () => number;
}

export class TaskWatcher {
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<boolean> | null = null;
  private stopped = false;
  private readonly periodMs: number;
  private readonly maxPeriodMs: number;
  /** the wait before the next round: periodMs after a change, longer while nothing changes */
  private waitMs: number;
  private readonly now: () => number;

  constructor(private readonly o: TaskWatcherOptions) {
    this.periodMs = o.periodMs ?? 500;
    this.maxPeriodMs = Math.max(this.periodMs, o.maxPeriodMs ?? 2000);
    this.waitMs = this.periodMs;
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

  /** One round now (after a step opened tasks): resolves when its readings are in. The next ones come at the base period. */
  async checkNow(): Promise<void> {
    this.waitMs = this.periodMs;
    await this.roundChanged();
    // the round waiting on the timer may be far off: the next one comes a base period after this
    if (this.timer && !this.stopped) {
      clearTimeout(this.timer);
      this.arm();
    }
  }

  private arm(): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      const go = this.o.paused() || this.round ? Promise.resolve() : this.timedRound();
      void go.finally(() => {
        if (this.timer === timer) this.arm();
      });
    }, this.waitMs);
    timer.unref();
    this.timer = timer;
  }

  /** A round at the timer: afterwards the wait doubles (up to maxPeriodMs) if no reading changed, else starts again. */
  private async timedRound(): Promise<void> {
    const wait = this.waitMs;
    const changed = await this.roundChanged();
    this.waitMs = changed ? this.periodMs : Math.min(this.maxPeriodMs, wait * 2);
  }

  private async roundChanged(): Promise<boolean> {
    while (this.round) await this.round;
    const round = this.readOpen();
    this.round = round;
    try {
      return await round;
    } finally {
      this.round = null;
    }
  }

  /**
   * Reads every open task's checks once; true when a reading changed the lesson's tasks. The
   * reducer hands back the very same tasks for a reading equal to the one before
   * (src/lesson/tasks.ts, taskChecked), so the state says what changed.
   */
  private async readOpen(): Promise<boolean> {
    let changed = false;
    const state = this.o.getState();
    const specs = new Map(state.lesson.steps.flatMap((s) => s.tasks).map((t) => [t.id, t]));
    for (const task of openTasks(state.tasks)) {
      const spec = specs.get(task.id);
      if (!spec || this.stopped || this.o.paused()) return changed;
      let checks: CheckResult[];
      try {
        checks = await this.o.read(spec.checks);
      } catch (error) {
        // the helper is gone or busy with a rebuild: this round ends, the next one tries again soon
        void error;
        return true;
      }
      const before = this.o.getState().tasks;
      // a step that ran meanwhile may have rewound the task: the reducer keeps only an open task's reading
      this.o.dispatch({ type: 'task-checked', id: task.id, checks, at: this.now() });
      if (this.o.getState().tasks !== before) changed = true;
    }
    return changed;
  }
}
