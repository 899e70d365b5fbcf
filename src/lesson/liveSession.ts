// A lesson running against the real helper: steps, undo by rebuilding, live snapshots, the shell.
import type { HelperClient } from '../helper/client.js';
import type { CgroupFile, ChainView, Lesson, LessonSession, ProcessInfo, SessionState, StepRun, SyscallEntry } from '../types.js';
import { initialState, reduce, type SessionEvent } from './reducer.js';
import { shellRefusal } from './shellNotice.js';
import { TaskWatcher } from './taskWatcher.js';

/** Hands the real terminal to something else (a shell) and takes it back afterwards. */
export interface TerminalHandover {
  run<T>(fn: () => Promise<T>): Promise<T>;
}

export interface LiveSessionOptions {
  /** how often the panels are refreshed while the lesson sits idle; 0 = never */
  sampleMs?: number;
  terminal?: TerminalHandover;
  /** the terminal the shell gets */
  tty?: string;
  /** told of every state change as the reducer's event (a recording keeps them) */
  onEvent?: (event: SessionEvent, at: number) => void;
  /** false hides the lesson's tasks and never reads their checks (--mode present) */
  tasks?: boolean;
  /** how often an open task's checks are read (500 ms; up to 4× that while the readings stay the same) */
  taskPeriodMs?: number;
}

function failure(error: unknown): { message: string; hint?: string; log: SyscallEntry[] } {
  const e = error as { message?: string; hint?: string; log?: SyscallEntry[] };
  return { message: e?.message ?? String(error), hint: e?.hint, log: e?.log ?? [] };
}

const FRAME_MS = 16;
const HOLD_MS = 150;

export class LiveSession implements LessonSession {
  private state: SessionState;
  private listeners = new Set<() => void>();
  private timer: NodeJS.Timeout | null = null;
  private sampling: Promise<void> | null = null;
  private lastSnapshotKey = '';
  /** samples in a row that found the kernel state unchanged: the sampler slows down while it is idle */
  private unchanged = 0;
  private notifyTimer: NodeJS.Timeout | null = null;
  private holding = false;
  private readonly tasks: TaskWatcher;

  private constructor(private readonly helper: HelperClient, lesson: Lesson, private readonly options: LiveSessionOptions) {
    this.state = initialState(lesson, options.tasks !== false);
    this.tasks = new TaskWatcher({
      read: (checks) => this.helper.checks(checks),
      getState: () => this.state,
      dispatch: (event) => this.dispatch(event),
      paused: () => this.state.busy || !this.helper.alive,
      periodMs: options.taskPeriodMs,
    });
  }

  static async open(helper: HelperClient, lesson: Lesson, options: LiveSessionOptions = {}): Promise<LiveSession> {
    await helper.open();
    const session = new LiveSession(helper, lesson, options);
    helper.onProgress((event, data) => {
      if (event === 'cgroup-files') session.dispatch({ type: 'cgroup-files', files: data as CgroupFile[] });
      if (event === 'chain') session.dispatch({ type: 'chain', ...(data as { processes: ProcessInfo[]; view: ChainView }) });
    });
    await session.refresh();
    session.startSampler();
    session.tasks.start();
    return session;
  }

  getState = (): SessionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private dispatch(event: SessionEvent): void {
    this.state = reduce(this.state, event);
    this.options.onEvent?.(event, performance.now());
    this.scheduleNotify();
  }

  /**
   * A redraw of the whole screen costs tens of ms on the app's only thread, and the step waits
   * behind it. So listeners hear of changes at most once per frame, and while a step runs they
   * wait up to HOLD_MS: a fast step is drawn once, with its result and the kernel state after
   * it, instead of three times (running, done, new snapshot). A slow one shows "running".
   */
  private scheduleNotify(): void {
    if (this.notifyTimer) return;
    this.notifyTimer = setTimeout(() => this.flush(), this.holding ? HOLD_MS : FRAME_MS);
  }

  private flush(): void {
    if (this.notifyTimer) clearTimeout(this.notifyTimer);
    this.notifyTimer = null;
    for (const l of this.listeners) l();
  }

  /** Runs `work` with redraws held back, then draws once. */
  private async held(work: () => Promise<void>): Promise<void> {
    this.holding = true;
    try {
      await work();
    } finally {
      this.holding = false;
      this.flush();
    }
  }

  /** Runs step i: the action, then its checks against real kernel state. True when all passed, or the action skipped itself here. */
  async runStep(index: number): Promise<boolean> {
    const step = this.state.lesson.steps[index];
    this.dispatch({ type: 'step-started', index });
    const started = performance.now();
    let run: StepRun;
    let advance = false;
    try {
      const result = await this.helper.act(step.action.name, step.action.params);
      advance = true;
      if (result.skipped) {
        // nothing was done, so there is nothing for the checks to read: the reason is the result
        run = { status: 'skipped', log: result.log, output: result.output, checks: [], ms: result.ms, skipped: result.skipped };
      } else {
        const checks = await this.helper.checks(step.checks);
        const failed = checks.filter((c) => !c.ok);
        run = {
          status: failed.length ? 'failed' : 'done',
          log: result.log,
          output: result.output,
          checks,
          ms: result.ms,
          error: failed.length ? `check failed: ${failed[0].name} — ${failed[0].detail}` : undefined,
        };
      }
    } catch (error) {
      const f = failure(error);
      run = { status: 'failed', log: f.log, output: [], checks: [], error: f.message, hint: f.hint, ms: performance.now() - started };
    }
    this.dispatch({ type: 'step-finished', index, run, advance });
    if (advance && this.state.tasks.some((t) => t.step === index)) this.dispatch({ type: 'tasks-opened', step: index, at: Date.now() });
    return run.status === 'done' || run.status === 'skipped';
  }

  async next(): Promise<void> {
    if (this.state.busy || this.state.cursor >= this.state.steps.length) return;
    await this.held(async () => {
      await this.runStep(this.state.cursor);
      await this.refresh();
    });
  }

  async back(): Promise<void> {
    if (this.state.busy || this.state.cursor === 0) return;
    await this.rebuild(this.state.cursor - 1);
  }

  async reset(): Promise<void> {
    if (this.state.busy) return;
    await this.rebuild(0);
  }

  /**
   * Step `cursor` as if → had been pressed that many times from the start: forward, the steps
   * in between run; backward (or on a failed step), the rebuild ← uses, up to `cursor`.
   */
  async jump(cursor: number): Promise<void> {
    const target = Math.max(0, Math.min(this.state.steps.length, Math.floor(cursor)));
    if (this.state.busy || target === this.state.cursor) return;
    if (target < this.state.cursor) {
      await this.rebuild(target, `going to step ${target}: rebuilding steps 1–${target} from the start`);
      return;
    }
    const activity = `going to step ${target}: running steps ${this.state.cursor + 1}–${target}`;
    await this.held(async () => {
      this.dispatch({ type: 'activity', text: activity, busy: true });
      while (this.state.cursor < target) {
        const at = this.state.cursor;
        await this.runStep(at);
        if (this.state.cursor === at) break; // the action failed: → would stop here too
        this.dispatch({ type: 'activity', text: activity, busy: true });
      }
      this.dispatch({ type: 'activity', text: null, busy: false });
      await this.refresh();
    });
  }

  /**
   * Undo for real: namespaces cannot be "un-unshared", so the container is torn down and the
   * steps before `target` are performed again from the start.
   */
  private async rebuild(target: number, says?: string): Promise<void> {
    const activity = target === 0 ? 'tearing down and starting again' : (says ?? `undoing: rebuilding steps 1–${target} from the start`);
    this.dispatch({ type: 'activity', text: activity, busy: true });
    try {
      await this.helper.open();
      this.dispatch({ type: 'rewound', cursor: 0 });
      for (let i = 0; i < target; i++) {
        const ok = await this.runStep(i);
        this.dispatch({ type: 'activity', text: activity, busy: true });
        if (!ok) break;
      }
      this.dispatch({ type: 'activity', text: null, busy: false });
    } catch (error) {
      this.dispatch({ type: 'error', message: failure(error).message });
    }
    await this.refresh();
  }

  async shell(): Promise<void> {
    if (this.state.busy) return;
    try {
      // the kernel decides: no container (own mnt and pid namespaces, a PID 1) means a line, not a shell
      const { missing } = await this.helper.shellMissing();
      if (missing.length > 0) {
        this.dispatch({ type: 'notice', message: shellRefusal(this.state.lesson, this.state.cursor, missing) });
        return;
      }
    } catch (error) {
      this.dispatch({ type: 'error', message: `shell: ${failure(error).message}` });
      return;
    }
    const { terminal, tty } = this.options;
    if (!terminal || !tty) {
      this.dispatch({ type: 'error', message: 'no terminal to hand to a shell (not running in a terminal)' });
      return;
    }
    this.dispatch({ type: 'shell', open: true });
    try {
      await terminal.run(() => this.helper.shell(tty));
    } catch (error) {
      const f = failure(error);
      this.dispatch({ type: 'error', message: `shell: ${f.message}${f.hint ? ` — ${f.hint}` : ''}` });
    } finally {
      this.dispatch({ type: 'shell', open: false });
    }
    // what the learner did in the shell shows on the screen they come back to, not 500 ms later
    await Promise.all([this.refresh(), this.tasks.checkNow()]);
  }

  /** The next hint of an open task. */
  hint(taskId: string): void {
    this.dispatch({ type: 'task-hint', id: taskId });
  }

  skipTask(taskId: string): void {
    this.dispatch({ type: 'task-skipped', id: taskId });
  }

  /** Reads the open tasks' checks now, not at the next round (tests, and right after a shell exits). */
  checkTasks(): Promise<void> {
    return this.tasks.checkNow();
  }

  async close(): Promise<void> {
    this.tasks.stop();
    this.stopSampler();
    this.helper.onProgress(null);
    if (this.notifyTimer) clearTimeout(this.notifyTimer);
    this.notifyTimer = null;
    if (this.helper.alive) await this.helper.closeLesson().catch(() => {});
  }

  /**
   * Reads the kernel state again and shows it. `live`: the sampler's read while a step runs,
   * answered beside the helper's queue; skipped when a read is already under way. Any other
   * read waits for one under way and then reads afresh, so the state after a step is never missed.
   */
  async refresh(live = false): Promise<void> {
    if (!this.helper.alive) {
      this.dispatch({ type: 'error', message: 'the helper process has exited: press q and start container-lab again' });
      return;
    }
    if (this.sampling && live) return;
    while (this.sampling) await this.sampling.catch(() => {});
    const read = this.read(live);
    this.sampling = read;
    try {
      await read;
    } finally {
      if (this.sampling === read) this.sampling = null;
    }
  }

  private async read(live: boolean): Promise<void> {
    try {
      const snapshot = await (live ? this.helper.liveSnapshot() : this.helper.snapshot());
      // Redraw only when the kernel state changed: an idle lesson costs a read, not a render.
      const key = JSON.stringify({ ...snapshot, takenAt: 0 });
      if (key === this.lastSnapshotKey) {
        this.unchanged++;
        return;
      }
      this.unchanged = 0;
      this.lastSnapshotKey = key;
      this.dispatch({ type: 'snapshot', snapshot });
    } catch (error) {
      if (!this.helper.alive) this.dispatch({ type: 'error', message: failure(error).message });
    }
  }

  /**
   * Once a second while the kernel state changes (a hog's usage, a step running); while it stays
   * the same the reads space out to one every 4 s: an idle lesson costs little, and a step's own
   * changes are read right after it anyway.
   */
  private startSampler(): void {
    const ms = this.options.sampleMs ?? 1000;
    if (ms <= 0) return;
    const arm = () => {
      const timer = setTimeout(() => {
        // while a step runs too: the panels show daemons starting and images loading as they happen
        const read = this.state.inShell ? Promise.resolve() : this.refresh(this.state.busy);
        void read.finally(() => {
          if (this.timer === timer) arm();
        });
      }, ms * Math.min(4, 1 + Math.floor(this.unchanged / 2)));
      timer.unref();
      this.timer = timer;
    };
    arm();
  }

  private stopSampler(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
