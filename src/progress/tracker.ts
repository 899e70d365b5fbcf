// Follows the lesson on screen and records, at most once a second and once more on leaving it, that it was opened and the highest step reached.
import type { LessonReached, LessonSession } from '../types.js';
import type { LessonSeen } from './schema.js';

export interface TrackerOptions {
  /** writes one lesson's record; returns a message to show (a progress file moved aside) or null */
  record: (lessonId: string, seen: LessonSeen) => string | null;
  /** a one-line message for the user (a failed write, a file moved aside); the lesson goes on */
  onMessage: (line: string) => void;
  /** what the file held when the app started (by lesson id) */
  initial?: Readonly<Record<string, LessonReached>>;
  /** at most one write per this many ms (1000) */
  intervalMs?: number;
  now?: () => Date;
}

export class ProgressTracker {
  private session: LessonSession | null = null;
  private unsubscribe: (() => void) | null = null;
  private top = 0;
  private dirty = false;
  private lastWrite = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private failed = false;
  private readonly intervalMs: number;
  private readonly now: () => Date;
  private known: ReadonlyMap<string, LessonReached>;

  constructor(private readonly o: TrackerOptions) {
    this.intervalMs = o.intervalMs ?? 1000;
    this.now = o.now ?? (() => new Date());
    this.known = new Map(Object.entries(o.initial ?? {}).map(([id, r]) => [id, { stepsReached: r.stepsReached }]));
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
    this.note();
    this.unsubscribe = this.session.subscribe(this.changed);
    this.dirty = true; // opened: written at once
    this.schedule();
  }

  /** the app closes: the last change is written now */
  close(): void {
    this.follow(null);
  }

  private changed = (): void => {
    const cursor = this.session?.getState().cursor ?? 0;
    if (cursor <= this.top) return;
    this.top = cursor;
    this.note();
    this.dirty = true;
    this.schedule();
  };

  /** the menu's view moves at once (the file follows within a second): it draws before the last write */
  private note(): void {
    const id = this.session?.getState().lesson.id;
    if (id === undefined || this.top <= (this.known.get(id)?.stepsReached ?? -1)) return;
    this.known = new Map(this.known).set(id, { stepsReached: this.top });
  }

  private schedule(): void {
    if (this.timer) return;
    const wait = this.lastWrite + this.intervalMs - Date.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.dirty || !this.session) return;
    this.dirty = false;
    this.lastWrite = Date.now();
    const { lesson } = this.session.getState();
    try {
      const message = this.o.record(lesson.id, { at: this.now().toISOString(), stepsReached: this.top, steps: lesson.steps.length });
      if (message) this.o.onMessage(message);
    } catch (error) {
      // said once: a disk that refuses one write refuses the next
      if (!this.failed) this.o.onMessage(`container-lab: progress is not saved: ${(error as Error).message}`);
      this.failed = true;
    }
  }
}
