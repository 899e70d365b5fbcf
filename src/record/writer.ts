// Writes a recording as it happens: asciicast v2 lines for the screen, and the lab's events beside them, one line each.
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { isTaskEvent, type SessionEvent } from '../lesson/reducer.js';
import type { Lesson, Snapshot } from '../types.js';
import { LAB_CODE, RECORDING_FORMAT, type AsciicastHeader, type LabLine, type RecordingMeta } from './format.js';
import { recordedLesson, scrubDeep } from './scrub.js';

/** Where the lines go: a file (fileSink), or an array in tests. */
export interface LineSink {
  write(line: string): void;
  close(): void;
}

/**
 * A file opened now (so a path that cannot be written fails before anything runs), written a
 * line at a time with write(2): a crash keeps every line written before it.
 */
export function fileSink(path: string): LineSink {
  // 'wx': never over a file that is there (a rehearsal's recording is not lost to the next one)
  const fd = openSync(path, 'wx', 0o644);
  return {
    write: (line) => {
      const buf = Buffer.from(line + '\n', 'utf8');
      for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off);
    },
    close: () => {
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    },
  };
}

export interface WriterOptions {
  sink: LineSink;
  /** the terminal's size at the start */
  width: number;
  height: number;
  meta: RecordingMeta;
  lesson: Lesson;
  /** takes the host's paths out of every text written */
  scrub: (text: string) => string;
  /** the clock the lab's events are stamped with (LiveSession's onEvent passes performance.now()) */
  now?: () => number;
}

/** Which keys of a snapshot differ from the one before, and which are gone. */
export function snapshotChange(prev: Snapshot | null, next: Snapshot): Extract<LabLine, { type: 'snapshot' }> {
  const set: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(next)) {
    if (!prev || JSON.stringify(v) !== JSON.stringify((prev as unknown as Record<string, unknown>)[k])) set[k] = v;
  }
  const unset = prev ? Object.keys(prev).filter((k) => !(k in next)) : [];
  return unset.length ? { type: 'snapshot', set, unset } : { type: 'snapshot', set };
}

export class RecordingWriter {
  private readonly t0: number;
  private readonly now: () => number;
  private last = 0;
  private prevSnapshot: Snapshot | null = null;
  private closed = false;
  /** the first write that failed (a full disk): the recording stops there, the app goes on */
  failure: Error | null = null;

  constructor(private readonly o: WriterOptions) {
    this.now = o.now ?? (() => performance.now());
    this.t0 = this.now();
    const header: AsciicastHeader = {
      version: 2,
      width: o.width,
      height: o.height,
      timestamp: Math.floor(Date.parse(o.meta.date) / 1000),
      title: `container-lab: ${o.lesson.title}`,
    };
    this.line(JSON.stringify(header));
    this.lab({ type: 'recording', format: RECORDING_FORMAT, ...o.meta, lesson: recordedLesson(o.lesson, o.scrub) });
  }

  /** Seconds since the start, never before the line written last. */
  private seconds(at?: number): number {
    const t = ((at ?? this.now()) - this.t0) / 1000;
    this.last = Math.max(this.last, Math.round(t * 1e6) / 1e6);
    return this.last;
  }

  private line(text: string): void {
    if (this.closed || this.failure) return;
    try {
      this.o.sink.write(text);
    } catch (error) {
      this.failure = error as Error;
    }
  }

  private emit(code: string, data: string, at?: number): void {
    this.line(JSON.stringify([this.seconds(at), code, data]));
  }

  private lab(data: unknown, at?: number): void {
    this.emit(LAB_CODE, JSON.stringify(scrubDeep(data, this.o.scrub)), at);
  }

  /** What was written to the terminal. */
  output(text: string): void {
    if (text.length > 0) this.emit('o', this.o.scrub(text));
  }

  resize(columns: number, rows: number): void {
    this.emit('r', `${columns}x${rows}`);
  }

  /** A session of the lesson opened: a replay starts its state again from here. */
  opened(): void {
    this.lab({ type: 'open' });
  }

  /** One reducer event, as LiveSession's onEvent hears it; a step's start is also a marker players show. */
  event(event: SessionEvent, at: number): void {
    if (isTaskEvent(event)) return; // a replay has no tasks to show them on
    if (event.type === 'step-started') {
      const steps = this.o.lesson.steps;
      this.emit('m', `step ${event.index + 1}/${steps.length}: ${steps[event.index]?.title ?? ''}`, at);
    }
    if (event.type === 'snapshot') {
      this.lab(snapshotChange(this.prevSnapshot, event.snapshot), at);
      this.prevSnapshot = event.snapshot;
    } else {
      this.lab({ type: 'event', event }, at);
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.o.sink.close();
    } catch (error) {
      this.failure ??= error as Error;
    }
  }
}
