// `container-lab progress`: each lesson with the steps reached and when it was last opened; --json as data; --reset clears it after asking.
import type { Lesson } from '../types.js';
import type { Progress } from './schema.js';
import { progressLocation } from './location.js';
import { readProgress, removeProgress } from './store.js';

/** 2026-12-07T15:55:11Z → "2026-12-07 15:55" in local time */
function when(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** One line per lesson, in the menu's order; lessons never opened say so. */
export function progressLines(lessons: readonly Lesson[], progress: Progress): string[] {
  const width = Math.max(0, ...lessons.map((l) => l.title.length));
  return lessons.map((lesson) => {
    const p = progress.lessons[lesson.id];
    const head = `${String(lesson.order).padStart(2)}  ${lesson.title.padEnd(width)}  `;
    if (!p) return `${head}not started`;
    return `${head}${Math.min(p.stepsReached, lesson.steps.length)}/${lesson.steps.length} steps, last opened ${when(p.last)}`;
  });
}

/** The store as it is, with the lessons it can be read against. */
export function progressJson(file: string, lessons: readonly Lesson[], progress: Progress): string {
  const list = lessons.map((l) => ({ id: l.id, order: l.order, title: l.title, steps: l.steps.length }));
  return JSON.stringify({ file, progress, lessons: list }, null, 2);
}

export interface ProgressCommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** a terminal to ask on; null when there is none */
  ask: ((question: string) => Promise<string>) | null;
}

/** Prints or clears this user's progress (`file`: where it is kept, this user's by default). */
export async function runProgress(lessons: readonly Lesson[], o: { json: boolean; reset: boolean }, io: ProgressCommandIo, file = progressLocation().file): Promise<number> {
  const { progress, message } = readProgress(file);
  if (message) io.err(message);
  if (o.reset) {
    if (!io.ask) {
      io.err('container-lab: progress --reset asks first; it needs a terminal');
      return 1;
    }
    const count = Object.keys(progress.lessons).length;
    const answer = await io.ask(`Clear your progress (${count} lesson${count === 1 ? '' : 's'})? [y/N] `);
    if (!/^y(es)?$/i.test(answer.trim())) {
      io.out('progress kept');
      return 0;
    }
    io.out(removeProgress(file) ? `progress cleared (${file} removed)` : 'there was no progress to clear');
    return 0;
  }
  if (o.json) io.out(progressJson(file, lessons, progress));
  else progressLines(lessons, progress).forEach((line) => io.out(line));
  return 0;
}
