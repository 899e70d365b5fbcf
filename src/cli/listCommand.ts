// `container-lab list [--json]`: the lessons, what each needs, and which cannot run here, with the reason and the fix.
import type { Lesson, LessonLoadError } from '../types.js';
import type { HelperMode } from '../helper/client.js';
import type { TranscriptStyle } from '../lesson/transcript.js';
import { privilegeLabel, whyUnavailable, type HostLimits } from '../lesson/availability.js';
import { sourceMark } from '../lesson/consent.js';
import { inert } from '../format/inert.js';

export interface LessonRow {
  number: number;
  lesson: Lesson;
  /** why it cannot run here, with the fix; null when it can */
  reason: string | null;
}

export interface RowContext {
  mode: HelperMode;
  hostDocker: string | null;
  host: HostLimits;
}

export function lessonRows(lessons: Lesson[], c: RowContext): LessonRow[] {
  return lessons.map((lesson, i) => ({ number: i + 1, lesson, reason: whyUnavailable(lesson, c) }));
}

/**
 * One line per lesson: number, id, title, what it needs; a lesson that cannot run here ends in
 * "✗ a", and under the table each reason (with its fix) is printed once, under its letter.
 */
export function listLines(rows: LessonRow[], style: TranscriptStyle): string[] {
  const reasons = [...new Set(rows.map((r) => r.reason).filter((r): r is string => r !== null))];
  const letter = (reason: string) => String.fromCharCode(97 + reasons.indexOf(reason));
  const lines = rows.map(({ number, lesson: l, reason }) => {
    const needs = [privilegeLabel(l), ...(l.requires.length ? [l.requires.join(' ')] : []), ...(l.source.trusted ? [] : [sourceMark(l)])].join(' · ');
    const mark = reason === null ? '' : `  ${style.bad(`✗ ${letter(reason)}`)}`;
    const row = `${String(number).padStart(2)}  ${inert(l.id).padEnd(18)} ${inert(l.title).padEnd(34)} ${style.dim(needs)}${mark}`;
    // a lesson that cannot run here says why in its reason below; one that can says under its row why it needs
    // root, or, rootless, which of its steps still need root (or a delegated cgroup) and are skipped without
    if (!l.rootless || reason !== null) return [row];
    return [row, style.dim(`    ${l.privilege === 'root' ? 'root because' : 'rootless except'}: ${inert(l.rootless)}`)];
  }).flat();
  if (reasons.length > 0) lines.push('', 'Cannot run here:', ...reasons.map((r) => `${style.bad(`✗ ${letter(r)}`)}  ${inert(r)}`));
  return lines;
}

/** list --json: one document, the same facts as the lines. */
export function listJson(rows: LessonRow[], errors: LessonLoadError[], mode: HelperMode): string {
  return JSON.stringify({
    mode,
    lessons: rows.map(({ number, lesson: l, reason }) => ({
      number, id: l.id, title: l.title, summary: l.summary, privilege: l.privilege, rootlessWhere: l.rootlessWhere ?? null, rootBecause: l.rootless ?? null, requires: l.requires,
      source: l.source, file: l.file, available: reason === null, reason,
    })),
    errors,
  }, null, 2);
}
