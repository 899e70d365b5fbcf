// A recording made the way the app makes one (RecordingWriter), of the UI tests' scripted namespaces lesson.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionEvent } from '../../src/lesson/reducer.js';
import type { RecordingMeta } from '../../src/record/format.js';
import { RecordingWriter, type LineSink } from '../../src/record/writer.js';
import type { Lesson, Snapshot, StepRun } from '../../src/types.js';
import { baseSnapshot, makeLesson, namespaceSteps, type FakeStep } from '../ui/fakeSession.js';

export const META: RecordingMeta = { app: '0.1.0', date: '2025-05-01T09:30:00.000Z', kernel: '6.8.0-45-generic', arch: 'x86_64', cgroup: 'v2 (systemd)' };

export function arraySink(): LineSink & { lines: string[] } {
  const lines: string[] = [];
  return { lines, write: (l) => void lines.push(l), close: () => {} };
}

/** The events a live session dispatches for `steps`, run one after another with → (each then read back), timed `gap` s apart. */
export function lessonEvents(steps: FakeStep[], gap = 2): Array<{ at: number; event: SessionEvent }> {
  const out: Array<{ at: number; event: SessionEvent }> = [];
  let t = 1000;
  const at = (dt: number) => (t += dt);
  let snap: Snapshot = baseSnapshot();
  out.push({ at: at(5), event: { type: 'snapshot', snapshot: snap } });
  steps.forEach((step, index) => {
    out.push({ at: at(gap * 1000), event: { type: 'step-started', index } });
    const failed = step.error !== undefined;
    const run: StepRun = { status: failed ? 'failed' : 'done', log: step.log, output: step.output ?? [], checks: step.checks, error: step.error, hint: step.hint, ms: 3 + index };
    out.push({ at: at(40), event: { type: 'step-finished', index, run, advance: !failed } });
    if (step.snapshot) {
      snap = { ...step.snapshot(snap), takenAt: snap.takenAt + index + 1 };
      out.push({ at: at(10), event: { type: 'snapshot', snapshot: snap } });
    }
  });
  return out;
}

export function fakeLesson(): Lesson {
  return makeLesson('namespaces', 2, 'Namespaces', namespaceSteps());
}

/** The lines of a recording of `events` (a session opened first), with an "o" line between them as the screen would have. */
export function recordLines(lesson: Lesson, events: Array<{ at: number; event: SessionEvent }>, scrub = (s: string) => s): string[] {
  const sink = arraySink();
  let now = 1000;
  const writer = new RecordingWriter({ sink, width: 80, height: 24, meta: META, lesson, scrub, now: () => now });
  writer.opened();
  for (const { at, event } of events) {
    now = at;
    writer.output(`\u001b[H${event.type}\r\n`);
    writer.event(event, at);
  }
  writer.close();
  return sink.lines;
}

/** Writes lines (or raw text) to a new temporary file and returns its path. */
export function tempRecording(content: string | string[], name = 'lesson.cast'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'container-lab-rec-')), name);
  writeFileSync(path, Array.isArray(content) ? content.join('\n') + '\n' : content);
  return path;
}
