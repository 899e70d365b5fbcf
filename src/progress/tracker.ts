// Follows the lesson on screen and records, at most once a second and once more on leaving it, that it was opened, the highest step reached, the tasks solved and the hints shown.
import type { LessonReached, LessonSession, TaskState } from '../types.js';
import type { LessonProgress, LessonSeen } from './schema.js';

export interface TrackerOptions {
  /** writes one lesson's record; returns a message to show (a progress file moved aside) or null */
  record: (lessonId: string, seen: LessonSeen) => string | null;
  /** a one-line message for the user (a failed write, a file moved aside); the lesson goes on */
  onMessage: (line: string) => void;
  /** what the file held when the app started (by lesson id) */
  initial?: Readonly<Record<string, Pick<LessonProgress, 'stepsReached' | 'last' | 'tasksSolved'>>>;
  /** at most one write per this many ms (1000) */
  intervalMs?: number;
  now?: () => Date;
}

/** how long a write waits at least after the change it records: the frame of that change goes first */
const AFTER_FRAME_MS = 50;

/** the tasks solved and the hints shown so far in a session */
function taskRecord(tasks: readonly TaskState[]): Required<Pick<LessonSeen, 'tasksSolved' | 'hintsUsed'>> {
  const tasksSolved: Record<string, string> = {};
  const hintsUsed: Record<string, number> = {};
  for (const t of tasks) {
    if (t.status === 'solved' && t.solvedAt !== null) tasksSolved[t.id] = new Date(t.solvedAt).toISOString();
    if (t.hintsShown > 0) hintsUsed[t.id] = t.hintsShown;
  }
  return { tasksSolved, hintsUsed };
}

export class ProgressTracker {
  private session: LessonSession | null = null;
  private unsubscribe: (() => void) | null = null;
  private top = 0;
  /** the session's tasks solved and hints shown, as last noted (JSON: compared to see a change) */
  private tasks = '';
  private dirty = false;
  private lastWrite = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private failed = false;
  private readonly intervalMs: number;
  private readonly now: () => Date;
  private known: ReadonlyMap<string, LessonReached>;
  /** tasks solved per lesson, before this app and in it: the menu counts them */
  private readonly solved = new Map<string, Set<string>>();

  constructor(private readonly o: TrackerOptions) {
    this.intervalMs = o.intervalMs ?? 1000;
    this.now = o.now ?? (() => new Date());
    for (const [id, r] of Object.entries(o.initial ?? {})) this.solved.set(id, new Set(Object.keys(r.tasksSolved)));
    this.known = new Map(Object.entries(o.initial ?? {}).map(([id, r]) => [id, { stepsReached: r.stepsReached, last: r.last, tasksSolved: Object.keys(r.tasksSolved).length }]));
  }

  /** how far the learner got in each lesson: the file at start and what this app saw since (a new map after each change) */
  reached(): ReadonlyMap<string, LessonReached> {
    return this.known;
  }

  /** the lesson on screen now (null: the menu); a replay is not progress and is not followed */
  follow(session: LessonSession | null): void {
    if (session === this.session) return;
    this.flush();
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.session = session && !session.replay ? session : null;
    if (!this.session) return;
    this.top = this.session.getState().cursor;
    this.tasks = JSON.stringify(taskRecord(this.session.getState().tasks));
    this.note();
    this.unsubscribe = this.session.subscribe(this.changed);
    this.dirty = true; // opened: written at once (unless a write was less than intervalMs ago)
    this.schedule(0);
  }

  /** the app closes: the last change is written now */
  close(): void {
    this.follow(null);
  }

  private changed = (): void => {
    const state = this.session?.getState();
    if (!state) return;
    const tasks = JSON.stringify(taskRecord(state.tasks));
    if (state.cursor <= this.top && tasks === this.tasks) return;
    this.top = Math.max(this.top, state.cursor);
    this.tasks = tasks;
    this.note();
    this.dirty = true;
    this.schedule();
  };

  /** the menu's view moves at once (the file follows within a second): it draws before the last write */
  private note(): void {
    const state = this.session?.getState();
    if (!state) return;
    const id = state.lesson.id;
    const solved = this.solved.get(id) ?? new Set<string>();
    for (const t of state.tasks) if (t.status === 'solved') solved.add(t.id);
    this.solved.set(id, solved);
    const stepsReached = Math.max(this.top, this.known.get(id)?.stepsReached ?? 0);
    this.known = new Map(this.known).set(id, { stepsReached, last: this.now().toISOString(), tasksSolved: solved.size });
  }

  /**
   * The write waits for its turn (one per intervalMs), and always a little: the change that asked
   * for it is drawn first. A step's change reaches this listener before the screen's, and the write
   * (read, rename, fsync: 10 ms on a laptop's disk) would otherwise come between a key and its frame.
   */
  private schedule(atLeast = AFTER_FRAME_MS): void {
    if (this.timer) return;
    const wait = Math.max(atLeast, this.lastWrite + this.intervalMs - Date.now());
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.dirty || !this.session) return;
    this.dirty = false;
    this.lastWrite = Date.now();
    const state = this.session.getState();
    const { lesson } = state;
    try {
      const seen: LessonSeen = { at: this.now().toISOString(), stepsReached: this.top, steps: lesson.steps.length, ...taskRecord(state.tasks) };
      const message = this.o.record(lesson.id, seen);
      if (message) this.o.onMessage(message);
    } catch (error) {
      // said once: a disk that refuses one write refuses the next
      if (!this.failed) this.o.onMessage(`container-lab: progress is not saved: ${(error as Error).message}`);
      this.failed = true;
    }
  }
}
